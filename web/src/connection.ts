// Talks to the server that served the page: REST fetches and the /ws stream. The access token, when
// the page's URL carries `?token=`, goes on every fetch as a Bearer header and on the WebSocket URL.

import type { ReplayCommand, ServerMessage } from './protocol';
import { record } from './timings';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'closed';

const token = new URLSearchParams(window.location.search).get('token');

/** GET a JSON document from the picture API; throws with the status on anything but 200. */
export async function fetch_json<T>(path: string): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(new URL(path, window.location.href), { headers, cache: 'no-store' });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

function websocket_url(): string {
  const url = new URL('ws', window.location.href);
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  url.search = '';
  if (token) url.searchParams.set('token', token);
  return url.href;
}

/**
 * The picture stream. Reconnects after a close with a growing delay (1 s .. 10 s); every
 * (re)connection starts with a snapshot, which replaces the whole picture. Messages that are not
 * valid JSON objects with a known `type` are counted and skipped.
 */
export class PictureStream {
  private socket: WebSocket | null = null;
  private retry_ms = 1000;
  state: ConnectionState = 'connecting';
  malformed = 0;

  constructor(
    private readonly on_message: (message: ServerMessage) => void,
    private readonly on_state: (state: ConnectionState) => void,
  ) {}

  open(): void {
    const socket = new WebSocket(websocket_url());
    this.socket = socket;
    socket.onopen = () => {
      this.retry_ms = 1000;
      this.set_state('connected');
    };
    socket.onmessage = (event) => {
      const started = performance.now();
      this.handle(String(event.data));
      record('message', started);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.set_state('reconnecting');
      window.setTimeout(() => this.open(), this.retry_ms);
      this.retry_ms = Math.min(this.retry_ms * 2, 10000);
    };
  }

  /** Parses one text frame and passes it on; anything but a JSON object with a `type` is skipped. */
  private handle(text: string): void {
    let message: ServerMessage;
    try {
      message = JSON.parse(text) as ServerMessage;
    } catch {
      this.skip('not JSON');
      return;
    }
    if (typeof message !== 'object' || message === null || typeof message.type !== 'string') {
      this.skip('no type');
      return;
    }
    this.on_message(message);
  }

  /** Sends a replay command; false when the stream is not connected. */
  send(command: ReplayCommand): boolean {
    if (!this.socket || this.socket.readyState !== WebSocket.OPEN) return false;
    this.socket.send(JSON.stringify(command));
    return true;
  }

  private skip(why: string): void {
    this.malformed += 1;
    if (this.malformed === 1) console.warn(`picture stream: skipped a malformed message (${why})`);
  }

  private set_state(state: ConnectionState): void {
    this.state = state;
    this.on_state(state);
  }
}
