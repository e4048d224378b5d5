// The published types: one bundled .d.ts per entry (rollup-plugin-dts), so they hold under every moduleResolution
// (bundler, node16, nodenext) with no relative imports to resolve; the server's also as .d.cts for require().
import { copyFileSync, rmSync } from 'node:fs';
import { rollup } from 'rollup';
import { dts } from 'rollup-plugin-dts';

rmSync('dist/types', { recursive: true, force: true });
for (const [input, file] of [
  ['src/index.ts', 'dist/types/index.d.ts'],
  ['server/index.ts', 'dist/types/server.d.ts'],
]) {
  const bundle = await rollup({
    input,
    plugins: [dts({ tsconfig: 'tsconfig.build.json', compilerOptions: { skipLibCheck: false } })],
    external: [/^preact/, 'js-cookie', 'idb-keyval'],
  });
  await bundle.write({ file, format: 'es' });
  await bundle.close();
}
copyFileSync('dist/types/server.d.ts', 'dist/types/server.d.cts');
