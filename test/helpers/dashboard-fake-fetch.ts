/** A `fetch` that records each request and answers from `reply` (a JSON body and a status). */
export interface RecordingFetch {
  fetch: typeof fetch;
  requests: { url: string; method: string; body: string | null; contentType: string | null }[];
}

export function createRecordingFetch(reply: (url: string) => { status?: number; body: unknown }): RecordingFetch {
  const requests: RecordingFetch['requests'] = [];
  const fetchFn = async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    const headers = new Headers(init.headers);
    requests.push({
      url,
      method: init.method ?? 'GET',
      body: typeof init.body === 'string' ? init.body : null,
      contentType: headers.get('content-type'),
    });
    const { status = 200, body } = reply(url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { fetch: fetchFn, requests };
}
