/** A JSON Schema object (2020-12, the dialect of OpenAPI 3.1), kept open-ended. */
export type SchemaObject = { [keyword: string]: unknown };
