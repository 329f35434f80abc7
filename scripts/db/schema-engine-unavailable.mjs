#!/usr/bin/env node
// Stands in for Prisma's native schema-engine binary during `prisma generate`, which only checks
// that an engine exists. Migrations in this project run through the Wasm schema engine
// (src/db/migrations/), so the Prisma CLI never needs the native one. See prisma/README.md.
if (process.argv.includes('--version')) {
  console.log('schema-engine-cli personable-crm-wasm-stand-in');
  process.exit(0);
}
console.error(
  'This project runs migrations through the Wasm schema engine: use npm run db:migration / db:migrate, not the Prisma CLI.',
);
process.exit(1);
