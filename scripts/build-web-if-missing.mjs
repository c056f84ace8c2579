// `npm start` builds the web app once, when its bundle is missing (a fresh clone).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync('web/dist/index.html') || !existsSync('web/dist/console.html')) {
  console.log('linli: building the web app (first start only)…');
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    {
      stdio: 'inherit',
      // A test runner's NODE_ENV=test would make React and antd build their test variants.
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}
