import { describe, expect, it } from 'vitest';
import { createParser } from '../src/parse/grammars.js';

describe('grammars', () => {
  it('parses bash and terraform with positions', async () => {
    const bash = await createParser('bash');
    const tree = bash.parse('AWS=/usr/bin/aws\n"$AWS" s3 cp a b\n');
    expect(tree?.rootNode.hasError).toBe(false);
    const tf = await createParser('terraform');
    const t2 = tf.parse('resource "aws_instance" "x" {\n  ami = "ami-123"\n}\n');
    expect(t2?.rootNode.hasError).toBe(false);
    expect(t2?.rootNode.toString()).toContain('block');
  });
});
