import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { NUDGE, systemPrompt } from '../../../src/research/agent/system-prompt.js';
import { RESEARCH_TOOL_NAMES, RESEARCH_TOOLS, researchToolNamed } from '../../../src/research/agent/tools/index.js';
import { defineTool, type ToolContext } from '../../../src/research/agent/tools/tool.js';

describe('the research tool registry', () => {
  it('has one tool per name, and only finish_research ends the run', () => {
    expect(new Set(RESEARCH_TOOL_NAMES).size).toBe(RESEARCH_TOOLS.length);
    expect(RESEARCH_TOOLS.filter((t) => t.endsRun).map((t) => t.name)).toEqual(['finish_research']);
    expect(researchToolNamed('fetch_page')?.name).toBe('fetch_page');
    expect(researchToolNamed('delete_everything')).toBeUndefined();
  });

  it('names every tool in the system prompt and the nudge', () => {
    for (const name of RESEARCH_TOOL_NAMES) {
      expect(systemPrompt(new Date('2026-12-01'))).toContain(name);
      expect(NUDGE).toContain(name);
    }
  });
});

describe('defineTool', () => {
  const echo = defineTool({
    name: 'echo',
    description: 'Says the word back.',
    args: z.object({ word: z.string().min(2).max(5) }),
    async run({ word }) {
      return word.toUpperCase();
    },
  });
  const context = {} as ToolContext; // echo uses none of it

  it('runs the tool on arguments its schema accepts (the arguments typed from the schema)', async () => {
    const prepared = echo.prepare({ word: 'hey' });
    expect(prepared.ok).toBe(true);
    if (prepared.ok) {
      expect(prepared.args.word).toBe('hey');
      expect(await prepared.run(context)).toBe('HEY');
    }
    expect(echo.endsRun).toBe(false);
  });

  it('says what is wrong with arguments its schema refuses, and runs nothing', () => {
    for (const raw of [{}, { word: 'x' }, { word: 'toolong' }, null, 'word', { word: 7 }]) {
      const prepared = echo.prepare(raw);
      expect(prepared.ok).toBe(false);
      if (!prepared.ok) expect(prepared.problems.length).toBeGreaterThan(0);
    }
  });
});
