// @ts-check
// Sends fake responses to a running collector: `node demo/seed.mjs [count] [url]`
// (default 600 to http://127.0.0.1:$PORT). Uses NPS_WRITE_KEY when set.
import { seedRecords } from './seed-data.mjs';

const count = Number(process.argv[2] ?? 600);
const url = process.argv[3] ?? `http://127.0.0.1:${process.env.PORT ?? 5173}`;
const records = seedRecords({ count, origin: url });
let rejected = 0;
for (let i = 0; i < records.length; i += 50) {
  const res = await fetch(url + '/api/nps', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(process.env.NPS_WRITE_KEY ? { 'x-nps-write-key': process.env.NPS_WRITE_KEY } : {}) },
    body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: records.slice(i, i + 50) }),
  });
  if (!res.ok) throw new Error(`seed: ${res.status} ${await res.text()}`);
  rejected += (await res.json()).rejected.length;
}
console.log(`seed: sent ${records.length} records to ${url}/api/nps (${rejected} rejected)`);
