const Database = require('better-sqlite3');

// An in-memory database: the compiled addon loads and runs SQLite.
const db = new Database(':memory:');
db.exec('CREATE TABLE t (n INTEGER)');
const insert = db.prepare('INSERT INTO t VALUES (?)');
for (const n of [1, 2, 3]) insert.run(n);
console.log(`better-sqlite3 addon loaded, sum = ${db.prepare('SELECT sum(n) AS s FROM t').get().s}`);
