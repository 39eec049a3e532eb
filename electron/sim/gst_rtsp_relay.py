#!/usr/bin/python3
"""The demo camera's RTSP face: receives H.264 as RTP on a loopback UDP port (sent by the ffmpeg
test source) and serves it as rtsp://<address>:<port>/<mount>, RTP over the RTSP TCP connection.

Run with Debian's /usr/bin/python3, which has python3-gi; a python3 from a venv or conda
usually lacks it. Started and stopped by electron/sim/camera.ts:

  gst_rtsp_relay.py --check
      prints {"missing": [...]} (gi bindings, typelibs, GStreamer elements) and exits 0 or 1.
  gst_rtsp_relay.py --rtp-port N [--rtsp-port P] [--mount cam1] [--address 127.0.0.1]
      prints "READY <bound rtsp port>" once listening (port 0 picks a free one), then serves
      until SIGTERM/SIGINT or until stdin closes (the parent went away).
"""
import argparse
import json
import os
import signal
import sys

ELEMENTS = ('udpsrc', 'rtpjitterbuffer', 'rtph264depay', 'h264parse', 'rtph264pay')
# Loopback UDP does not reorder; the buffer only has to hold a frame's packets together.
JITTER_LATENCY_MS = 50
EXIT_MISSING = 3


def load_gi():
    """Returns (Gst, GstRtspServer, GstRtsp, GLib) or a list of what is missing."""
    try:
        import gi
    except ImportError:
        return ['python3-gi']
    missing = []
    for name, version, package in (
        ('Gst', '1.0', 'gir1.2-gstreamer-1.0'),
        ('GstRtsp', '1.0', 'gir1.2-gst-plugins-base-1.0'),
        ('GstRtspServer', '1.0', 'gir1.2-gst-rtsp-server-1.0'),
    ):
        try:
            gi.require_version(name, version)
        except ValueError:
            missing.append(package)
    if missing:
        return missing
    from gi.repository import GLib, Gst, GstRtsp, GstRtspServer
    Gst.init(None)
    return Gst, GstRtspServer, GstRtsp, GLib


def check():
    loaded = load_gi()
    if isinstance(loaded, list):
        missing = loaded
    else:
        gst = loaded[0]
        missing = [f'gstreamer element {e}' for e in ELEMENTS if gst.ElementFactory.find(e) is None]
    print(json.dumps({'missing': missing}), flush=True)
    return 1 if missing else 0


def launch_line(rtp_port, address):
    # rtpjitterbuffer mode=none stamps buffers from the sender's RTP timestamps rather than their
    # arrival time; without it the served stream carries arrival jitter (0-120 ms frame steps) and
    # a decoder's constant-rate output trips over repeated timestamps. h264parse re-inserts SPS/PPS
    # before every keyframe so a client that joins mid-stream can start at the next keyframe.
    caps = 'application/x-rtp,media=video,clock-rate=90000,encoding-name=H264,payload=96'
    return (
        f'( udpsrc address={address} port={rtp_port} caps="{caps}" '
        f'! rtpjitterbuffer mode=none latency={JITTER_LATENCY_MS} '
        '! rtph264depay ! h264parse config-interval=-1 '
        '! rtph264pay name=pay0 pt=96 config-interval=1 )'
    )


def serve(args):
    loaded = load_gi()
    if isinstance(loaded, list):
        print('missing: ' + ', '.join(loaded), file=sys.stderr, flush=True)
        return EXIT_MISSING
    _, rtsp_server, rtsp, glib = loaded

    server = rtsp_server.RTSPServer()
    server.set_address(args.address)
    server.set_service(str(args.rtsp_port))

    factory = rtsp_server.RTSPMediaFactory()
    factory.set_launch(launch_line(args.rtp_port, args.address))
    factory.set_shared(True)
    factory.set_protocols(rtsp.RTSPLowerTrans.TCP)
    server.get_mount_points().add_factory('/' + args.mount, factory)

    if server.attach(None) == 0:
        print(f'cannot listen on {args.address}:{args.rtsp_port}', file=sys.stderr, flush=True)
        return 2

    loop = glib.MainLoop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        glib.unix_signal_add(glib.PRIORITY_HIGH, signum, lambda *_: loop.quit() or False)
    glib.io_add_watch(
        sys.stdin.fileno(),
        glib.PRIORITY_DEFAULT,
        glib.IOCondition.IN | glib.IOCondition.HUP | glib.IOCondition.ERR,
        lambda fd, _cond: on_stdin(fd, loop),
    )

    print(f'READY {server.get_bound_port()}', flush=True)
    loop.run()
    return 0


def on_stdin(fd, loop):
    """The parent keeps our stdin open; end of file means it is gone, so we go too."""
    if os.read(fd, 4096):
        return True
    loop.quit()
    return False


def main():
    parser = argparse.ArgumentParser(description='RTP (H.264) to RTSP relay for the demo camera')
    parser.add_argument('--check', action='store_true')
    parser.add_argument('--rtp-port', type=int)
    parser.add_argument('--rtsp-port', type=int, default=0)
    parser.add_argument('--mount', default='cam1')
    parser.add_argument('--address', default='127.0.0.1')
    args = parser.parse_args()

    if args.check:
        return check()
    if not args.rtp_port:
        parser.error('--rtp-port is required')
    return serve(args)


if __name__ == '__main__':
    sys.exit(main())
