// Build the embedded store once before any suite, so no test pays for the Go build.
import { ensureStoreBinary } from '../../embedded-store/build.js';

export default function setup(): void {
  ensureStoreBinary((msg) => console.log(msg));
}
