import ms from 'ms';

const started = Date.now();
const uptime: string = ms(1500 + Date.now() - started);
console.log(`built with tsc, running on node ${process.versions.node.split('.')[0]}: ${uptime}`);
