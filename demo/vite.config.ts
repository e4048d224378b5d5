import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { createDemoEndpoints } from './endpoints';

const root = fileURLToPath(new URL('..', import.meta.url));

/** `npm run demo`: one Vite server for the sample app, the Cookie Preferences page and the demo endpoints. */
export default defineConfig({
  root,
  server: { host: '127.0.0.1', port: Number(process.env.PORT) || 5173, strictPort: !!process.env.PORT },
  clearScreen: false,
  plugins: [
    {
      name: 'consent-relay-demo-endpoints',
      configureServer(server) {
        server.middlewares.use(createDemoEndpoints({ root }).middleware);
      },
    },
  ],
});
