// What the host (the plain-Node core) offers whoever starts it: the CLI or the Electron main.
import type { Dispatcher, Caller } from '../api/dispatcher.ts';
import type { DemoCameraChoice } from '../sim/demo-cameras.ts';

export interface HostOptions {
  /** Data folder: database, media, recordings, logs. */
  dataDir: string;
  /** Run the embedded demo site with its simulators and demo accounts. */
  demo: boolean;
  /** Serve the UI and API over HTTP/WebSocket (the headless host does; Electron may not). */
  serveHttp: boolean;
  /**
   * Serve live lanes and media files to the desktop window on 127.0.0.1 at a port the OS picks
   * (api/media-server.ts): its page is a file, yet a <video> and a WebSocket need a URL.
   */
  serveWindowMedia?: boolean;
  /** Flags of the demo CLI (ports, serial device, external simulators, scripted trucks). */
  demoFlags?: DemoFlags;
}

export interface DemoFlags {
  apiPort?: number;
  lprPort?: number;
  /** Serial device of the relay board; the board simulator is then somebody else's. */
  serial?: string;
  /** Modbus TCP port of an external board simulator (where no pty can be made). */
  modbusTcpPort?: number;
  /** City platform URL; the platform simulator is then somebody else's. */
  platformUrl?: string;
  /** Run the scripted trucks (default true). */
  trucks?: boolean;
  /** Run the camera simulator and recorder (default true where the tools exist). */
  camera?: boolean;
  /** The lanes' LPR camera vendors (default Hikvision on lane 1, Vzenith on lane 2). */
  cameras?: Partial<DemoCameraChoice>;
}

export interface Host {
  dispatcher: Dispatcher;
  /** Resolves a session token (or none) into a caller for the dispatcher. */
  callerFor(token: string | null, remote: string): Caller;
  /** URL of the served UI, when serveHttp is on. */
  uiUrl: string | null;
  /** `http://127.0.0.1:<port>` of the window's media server, when serveWindowMedia is on. */
  mediaOrigin: string | null;
  close(): Promise<void>;
}
