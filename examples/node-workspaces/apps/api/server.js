const express = require('express');
const { greeting } = require('@demo/shared');

const app = express();
app.get('/', (_req, res) => res.type('text/plain').send(`${greeting('api')}\n`));
app.listen(process.env.PORT || 4000);
