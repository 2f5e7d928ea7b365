import type { MigrationSet } from '../src/platform/db/migrate.js';
import * as m0001 from './0001_platform.js';
import * as m0002 from './0002_countries.js';
import * as m0003 from './0003_indicators.js';
import * as m0004 from './0004_marketplaces.js';
import * as m0005 from './0005_regulation.js';
import * as m0006 from './0006_drop_origin_rollup.js';
import * as m0010 from './0010_puente_meta.js';

export const migrations: MigrationSet = {
  '0001_platform': m0001,
  '0002_countries': m0002,
  '0003_indicators': m0003,
  '0004_marketplaces': m0004,
  '0005_regulation': m0005,
  '0006_drop_origin_rollup': m0006,
  '0010_puente_meta': m0010,
};
