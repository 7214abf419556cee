// DG105 from the Terraform alone: a later environment that picks its AMI at apply or launch time bypasses promotion.
import { previousEnvironment } from '../../config/settings.js';
import type { Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';
import { chainText } from './text.js';

type Source = Facts['floatingAmiSources'][number];

function describe(source: Source, previous: string): { message: string; fix: string } {
  const env = source.environment;
  const param = `environments.${env}.amis.ssm-parameters`;
  switch (source.kind) {
    case 'most-recent-lookup':
      return {
        message: `${env} takes its AMI from ${source.what} with most_recent = true: every apply picks whatever image is newest, which never soaked in ${previous}.`,
        fix: `Pin the AMI id that soaked in ${previous} (or read it from an SSM parameter listed under ${param} that your pipeline promotes).`,
      };
    case 'public-parameter':
      return {
        message: `${env} reads its AMI from the public SSM parameter ${source.what} (${source.address}): AWS moves it to each new image, which then reaches ${env} without soaking in ${previous}.`,
        fix: `Pin the AMI id that soaked in ${previous} (or an SSM parameter of your own, listed under ${param}, that your pipeline promotes).`,
      };
    case 'unlisted-parameter':
      return {
        message: `${env} resolves its AMI from SSM parameter ${source.what} (${source.address}), which is not under ${param}: nothing checks what it holds before ${env} launches it.`,
        fix: `List ${source.what} under ${param} so its history is checked, pin a version (resolve:ssm:${source.what}:<version>), or pin the AMI id.`,
      };
  }
}

export const floatingAmi = defineRule({
  id: 'DG105',
  name: 'floating-ami',
  family: 'soak',
  defaultLevel: 'error',
  overridable: true,
  modes: ['pr', 'audit', 'preflight'],
  needs: ['floatingAmiSources', 'terraformChange'],
  summary: 'A later environment picks its AMI at apply or launch time from something nobody promotes.',
  help:
    'data "aws_ami" with most_recent = true, a public "latest" SSM parameter (/aws/service/…) or resolve:ssm: to a parameter ' +
    "that is not one of the environment's amis.ssm-parameters select a new image whenever AWS or someone else publishes " +
    'one: it reaches prod on the next apply or scale-up without ever having soaked. In a pull request it is reported for the ' +
    'environments the change reaches (their next apply re-resolves it). Fix: pin the AMI id, or read it from a parameter ' +
    'listed under amis.ssm-parameters that your pipeline promotes after the soak.',
  check({ floatingAmiSources, terraformChange }, { settings, mode }) {
    let environments: Set<string> | undefined;
    if (mode === 'pr') environments = new Set(terraformChange?.files.flatMap((file) => file.reaches.map((reach) => reach.environment)) ?? []);
    else if (mode === 'preflight') environments = new Set([settings.inputs.environment ?? settings.promotion.at(-1) ?? '']);
    return floatingAmiSources
      .filter((source) => !environments || environments.has(source.environment))
      .map((source): RuleFinding => {
        const previous = previousEnvironment(settings, source.environment) ?? 'the previous environment';
        const { message, fix } = describe(source, previous);
        return {
          message: source.via.length > 0 ? `${message.replace(/\.$/, '')} (through ${chainText(source.via)}).` : message,
          environment: source.environment,
          file: source.file,
          line: source.line,
          column: source.column,
          evidence: [{ source: 'terraform', text: `${source.file}:${source.line} ${source.address}${source.what !== source.address ? ` → ${source.what}` : ''}` }],
          fix,
        };
      });
  },
});
