#!/usr/bin/env node
// The `puente` command: TypeScript sources run through tsx, so there is no separate build step
// for the server and CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv);
