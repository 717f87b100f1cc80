/**
 * The name MongoDB gives a value's BSON type in error messages (`$type` aliases), for a
 * value as the wire decoder produces it: int32 and non-integral doubles arrive as plain
 * numbers, integral doubles as `Double`, int64 as `Long`.
 */
export function bsonTypeName(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') {
    return Number.isInteger(value) && !Object.is(value, -0) && Math.abs(value) < 2 ** 31
      ? 'int'
      : 'double';
  }
  if (Array.isArray(value)) return 'array';
  if (value instanceof Date) return 'date';
  const tag = (value as { _bsontype?: unknown })._bsontype;
  if (typeof tag === 'string') return bsonTypeAliases[tag] ?? tag;
  return 'object';
}

const bsonTypeAliases: Record<string, string> = {
  Double: 'double',
  Int32: 'int',
  Long: 'long',
  Decimal128: 'decimal',
  ObjectId: 'objectId',
  Binary: 'binData',
  BSONRegExp: 'regex',
  Timestamp: 'timestamp',
  MinKey: 'minKey',
  MaxKey: 'maxKey',
  Code: 'javascript',
  BSONSymbol: 'symbol',
  DBRef: 'dbPointer',
};
