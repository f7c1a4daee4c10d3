// The layering rule in eslint.config.js: pipeline stages never import the command line.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();
const restricted = async (filePath: string, code: string): Promise<string[]> => {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
};

describe('import boundaries', () => {
  it('rejects a stage importing src/cli/', async () => {
    const code = "import { startProgress } from '../cli/progress.js';\nstartProgress('x');\n";
    expect(await restricted('src/embed/example.ts', code)).toEqual([
      expect.stringContaining('Pipeline stages never import the command line'),
    ]);
    expect(await restricted('src/pipeline.ts', "import './cli/main.js';\n")).toHaveLength(1);
  });

  it("keeps the remote and transformer embedders out of each other's folders, and still off the CLI", async () => {
    const shared = "import { networkReason } from '../network.js';\nnetworkReason(1);\n";
    expect(await restricted('src/embed/remote/example.ts', shared)).toEqual([]);
    const crossing = "import { networkReason } from '../transformer/model-source.js';\nnetworkReason(1);\n";
    expect(await restricted('src/embed/remote/example.ts', crossing)).toEqual([expect.stringContaining('src/embed/')]);
    expect(
      await restricted('src/embed/transformer/example.ts', "import '../remote/remote-embedder.js';\n"),
    ).toHaveLength(1);
    expect(await restricted('src/embed/remote/example.ts', "import '../../cli/progress.js';\n")).toHaveLength(1);
  });

  it('lets the command line import the stages and itself', async () => {
    expect(await restricted('src/cli/example.ts', "import './progress.js';\nimport '../embed/index.js';\n")).toEqual(
      [],
    );
  });
});
