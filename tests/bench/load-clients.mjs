// A load generator in its own process (so the server's event loop is not shared with it):
// `node load-clients.mjs <url> <clients> <seconds>` runs that many clients in a loop on `url`,
// each waiting for its answer before the next request; when the time is up every request still
// open is abandoned (the clients go away). Prints one JSON line: the answers by status.
const [url, clients = '200', seconds = '10'] = process.argv.slice(2);
const stopAt = Date.now() + Number(seconds) * 1000;
const controller = new AbortController();
const statuses = {};
const count = (key) => {
  statuses[key] = (statuses[key] ?? 0) + 1;
};
async function client() {
  while (Date.now() < stopAt) {
    try {
      const response = await fetch(url, { signal: controller.signal });
      await response.arrayBuffer();
      count(response.status);
    } catch (error) {
      if (controller.signal.aborted) return;
      count(error?.cause?.code ?? error?.name ?? 'error');
    }
  }
}
setTimeout(() => controller.abort(), Number(seconds) * 1000);
await Promise.all(Array.from({ length: Number(clients) }, client));
process.stdout.write(`${JSON.stringify(statuses)}\n`);
process.exit(0);
