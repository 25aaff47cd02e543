// A server that keeps state beside itself: it makes data/ in its working directory and appends a
// line each time it starts, then serves the file.
const fs = require('fs');
const http = require('http');

fs.mkdirSync('data', { recursive: true });
fs.appendFileSync('data/log.txt', 'started\n');
const port = Number(process.env.PORT || 3000);
http
  .createServer((req, res) => res.end(fs.readFileSync('data/log.txt')))
  .listen(port, '0.0.0.0', () => console.log(`listening on ${port}`));
