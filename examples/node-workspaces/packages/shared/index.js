exports.greeting = (who) => `hello from ${who}, with the shared package`;
