// @ts-check
// Sends fake responses to a running demo: `node demo/seed.mjs [count] [url]`
// (default 600 to http://127.0.0.1:$PORT, PORT defaulting to 5173). Uses NPS_WRITE_KEY when set.
// With DASHBOARD_TOKEN (the one the demo printed), it also works on a few follow-ups.
import { recoveredDetractorRecords, seedFollowUps, seedRecords } from './seed-data.mjs';

const count = Number(process.argv[2] ?? 600);
const url = (process.argv[3] ?? `http://127.0.0.1:${process.env.PORT || 5173}`).replace(/\/$/, '');

/** @param {string} message @returns {never} */
const fail = (message) => {
  console.error(`seed: ${message}`);
  process.exit(1);
};

if (!Number.isInteger(count) || count < 1)
  fail(`count must be a positive integer, got ${JSON.stringify(process.argv[2])}`);
const records = [...seedRecords({ count, origin: url }), ...recoveredDetractorRecords({ origin: url })];
let rejected = 0;
for (let i = 0; i < records.length; i += 50) {
  /** @type {Response} */
  let res;
  try {
    res = await fetch(url + '/api/nps', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(process.env.NPS_WRITE_KEY ? { 'x-nps-write-key': process.env.NPS_WRITE_KEY } : {}),
      },
      body: JSON.stringify({ v: 1, sentAt: new Date().toISOString(), responses: records.slice(i, i + 50) }),
    });
  } catch {
    fail(
      `no demo is running at ${url}. Start it with \`npm run demo\` (same PORT) in another terminal, then run this again.`,
    );
  }
  if (!res.ok) fail(`${url}/api/nps answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  rejected += (await res.json()).rejected.length;
}
console.log(`seed: sent ${records.length} records to ${url}/api/nps (${rejected} rejected)`);
const token = process.env.DASHBOARD_TOKEN;
if (!token) {
  console.log('seed: set DASHBOARD_TOKEN (the demo prints it) to also seed a few follow-ups');
} else {
  const followUps = seedFollowUps(records);
  for (const { id, actor, patch } of followUps) {
    const res = await fetch(`${url}/api/responses/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-nps-actor': actor },
      body: JSON.stringify(patch),
    });
    if (!res.ok) fail(`PATCH ${url}/api/responses/${id} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  console.log(`seed: worked on ${followUps.length} follow-ups`);
}
