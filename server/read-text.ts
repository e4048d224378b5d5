/**
 * A request body as text, read no further than `limit` bytes: a 10 MB upload costs at most `limit` bytes of memory
 * before the answer is a 413. `'unreadable'` when the stream failed (the client went away mid-body).
 */
export async function readText(request: Request, limit: number): Promise<string | 'too-large' | 'unreadable'> {
  const declared = Number(request.headers.get('content-length'));
  if (declared > limit) {
    request.body?.cancel().catch(() => {});
    return 'too-large';
  }
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        reader.cancel().catch(() => {});
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return 'unreadable';
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
