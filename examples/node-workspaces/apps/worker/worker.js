const { greeting } = require('@demo/shared');

console.log(greeting('worker'));
