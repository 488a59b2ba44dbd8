/**
 * @module
 * The Worker: routes and handlers live in `app.ts`.
 */

import { app } from "./app.ts";

export default app;
