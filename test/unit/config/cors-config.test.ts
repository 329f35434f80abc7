import { describe, expect, it } from 'vitest';

import { ConfigError, parseConfig } from '../../../src/config/config.js';

const context = { cwd: '/srv/crm', stdoutIsTTY: false };

describe('CORS_ORIGINS', () => {
  it('is empty by default and lists origins otherwise', () => {
    expect(parseConfig({}, context).corsOrigins).toEqual([]);
    expect(parseConfig({ CORS_ORIGINS: ' https://a.example , http://localhost:5173,' }, context).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(parseConfig({ CORS_ORIGINS: '*' }, context).corsOrigins).toEqual(['*']);
  });

  it.each([
    'https://a.example/',
    'https://a.example/app',
    'a.example',
    'ftp://a.example',
    'https://a.example?x=1',
    'https://*.example.com',
  ])('refuses %s', (value) => {
    expect(() => parseConfig({ CORS_ORIGINS: value }, context)).toThrow(ConfigError);
  });
});
