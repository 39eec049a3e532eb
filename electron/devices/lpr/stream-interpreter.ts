// The vendor half of an event stream: whole multipart parts in, plate reads (or heartbeats) out.
// A read may wait for the picture parts that follow it; flush() releases what is waiting when
// the stream goes quiet or ends.
import type { StreamPart } from './mixed-parts.ts';
import type { PushResult } from './push-result.ts';

export interface StreamInterpreter {
  take(part: StreamPart, now: number): PushResult[];
  flush(): PushResult[];
}
