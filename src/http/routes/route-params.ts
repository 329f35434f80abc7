import { z } from 'zod';

import { uuidParam } from '../../crm/field-rules.js';

/** The path parameters of a route on one record: `/…/{id}`, a UUID. */
export const idParams = z.strictObject({ id: uuidParam });
