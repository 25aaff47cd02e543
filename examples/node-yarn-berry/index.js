console.log('hello from yarn berry');
