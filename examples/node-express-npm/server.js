const express = require('express');

const app = express();
const port = process.env.PORT || 8080;

app.get('/', (_req, res) => {
  res.type('text/plain').send('hello from express\n');
});

app.listen(port, () => console.log(`listening on ${port}`));
