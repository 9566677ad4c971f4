// An independent RFC 6455 server for wsnova's interoperability tests.
// Prints "PORT <n>" once listening on a free loopback port. Paths:
//   /echo          echoes text and binary messages (ws answers pings itself)
//   /fragments     sends "fragmented message" as three fragments, with a ping between two of them
//   /close/CODE    closes with CODE and reason "bye"
//   /ping          sends a ping "node ping" and reports the pong on stdout as "PONG <payload>"
const { WebSocketServer } = require('ws');

const server = new WebSocketServer({ host: '127.0.0.1', port: 0, maxPayload: 16 * 1024 * 1024 });
server.on('listening', () => console.log(`PORT ${server.address().port}`));
server.on('connection', (socket, request) => {
  const path = request.url;
  socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
  socket.on('pong', (payload) => console.log(`PONG ${payload.toString()}`));
  socket.on("close", (code) => console.log(`CLOSED ${path} ${code}`));
  if (path === '/fragments') {
    socket.send('fragm', { fin: false });
    socket.ping('mid');
    socket.send('ented mes', { fin: false });
    socket.send('sage', { fin: true });
  } else if (path.startsWith('/close/')) {
    socket.close(Number(path.substring('/close/'.length)), 'bye');
  } else if (path === '/ping') {
    socket.ping('node ping');
  }
});
process.stdin.on('end', () => process.exit(0)); // the test closes our stdin to stop us
process.stdin.resume();
