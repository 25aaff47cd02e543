console.log('hello, installed with bun, running on node');
