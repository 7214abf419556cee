// DG105 from what AWS launches: a launch template of a later environment that takes its AMI through
// resolve:ssm: from a parameter nobody promotes. (DG105 from the Terraform is in rules/promotion.)
import { previousEnvironment, type Settings } from '../../config/settings.js';
import type { Facts } from '../../facts/types.js';
import { defineRule, type RuleFinding } from '../types.js';

export function floatingLiveFindings(amiSoak: Facts['amiSoak'], settings: Settings): RuleFinding[] {
  return amiSoak.floating.flatMap((source): RuleFinding[] => {
    const env = source.environment;
    if (!previousEnvironment(settings, env)) return []; // the first environment promotes from nothing
    const previous = previousEnvironment(settings, env)!;
    const now = source.resolvesTo ? ` (now ${source.resolvesTo})` : '';
    const listKey = `environments.${env}.amis.ssm-parameters`;
    return [
      {
        message:
          source.kind === 'public-parameter'
            ? `${env}'s ${source.via} takes its AMI from the public SSM parameter ${source.parameter}${now}: AWS moves it to each new image, which then launches in ${env} without soaking in ${previous}.`
            : `${env}'s ${source.via} takes its AMI from SSM parameter ${source.parameter}${now}, which is not under ${listKey}: nothing checks what it holds before ${env} launches it.`,
        environment: env,
        evidence: [{ source: 'ec2', text: `${source.via}: image id resolve:ssm:${source.parameter}${now}` }],
        fix:
          source.kind === 'public-parameter'
            ? `Point the launch template at the AMI id that soaked in ${previous}, or at a parameter of your own listed under ${listKey} that your pipeline promotes.`
            : `List ${source.parameter} under ${listKey} so its history is checked, pin a version (resolve:ssm:${source.parameter}:<version>), or use the AMI id.`,
      },
    ];
  });
}

export const floatingLiveAmi = defineRule({
  id: 'DG105',
  name: 'floating-ami',
  family: 'soak',
  defaultLevel: 'error',
  overridable: true,
  modes: ['audit', 'preflight'],
  needs: ['amiSoak'],
  summary: 'A later environment picks its AMI at apply or launch time from something nobody promotes.',
  help:
    'data "aws_ami" with most_recent = true, a public "latest" SSM parameter (/aws/service/…) or resolve:ssm: to a parameter ' +
    "that is not one of the environment's amis.ssm-parameters select a new image whenever AWS or someone else publishes " +
    'one: it reaches prod on the next apply or scale-up without ever having soaked. The audit and the preflight also read the ' +
    'launch templates themselves ($Default and $Latest). Fix: pin the AMI id, or read it from a parameter listed under ' +
    'amis.ssm-parameters that your pipeline promotes after the soak.',
  check({ amiSoak }, { settings }) {
    return floatingLiveFindings(amiSoak, settings);
  },
});
