const { validate } = require('@forge/manifest');
validate(false, process.cwd() + '/manifest.yml').then(r => console.log(r.success, JSON.stringify(r.errors, null, 1)));
