// Independent permessage-deflate (RFC 7692) servers for wsnova's interoperability tests: one ws server per
// configuration, each on a free loopback port, each announced as "DEFLATE <name> <port>", then "READY".
// Every server compresses everything it sends (threshold 0) and echoes each message. On close it prints
// "BYTES <name> <bytes read from the socket>", so a test can tell whether the client compressed.
// Path /fragments sends a compressed message in three fragments with a ping between two of them.
const { WebSocketServer } = require('ws');

const configs = [];
for (const server of [false, true]) {
  for (const client of [false, true]) {
    configs.push({ name: `takeover-server${server ? 'No' : 'Keep'}-client${client ? 'No' : 'Keep'}`,
      options: { serverNoContextTakeover: server, clientNoContextTakeover: client } });
  }
}
for (let bits = 9; bits <= 15; bits++) {
  configs.push({ name: `bits-${bits}`, options: { serverMaxWindowBits: bits, clientMaxWindowBits: bits } });
}

let pending = configs.length;
for (const config of configs) {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 16 * 1024 * 1024,
    perMessageDeflate: Object.assign({ threshold: 0 }, config.options) });
  server.on('listening', () => {
    console.log(`DEFLATE ${config.name} ${server.address().port}`);
    if (--pending === 0) {
      console.log('READY');
    }
  });
  server.on('connection', (socket, request) => {
    const raw = request.socket;
    socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary, compress: true }));
    socket.on('close', () => console.log(`BYTES ${config.name} ${raw.bytesRead}`));
    if (request.url === '/fragments') {
      socket.send('fragm', { fin: false, compress: true });
      socket.ping('mid');
      socket.send('ented mes', { fin: false, compress: true });
      socket.send('sage', { fin: true, compress: true });
    }
  });
}
process.stdin.on('end', () => process.exit(0)); // the test closes our stdin to stop us
process.stdin.resume();
