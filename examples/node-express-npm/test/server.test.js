require('node:test')('ok', () => {});
