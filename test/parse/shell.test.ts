import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createParser } from '../../src/parse/grammars.js';
import { analyseShell, SHELL_BUILTINS, type ShellAnalysis } from '../../src/parse/shell.js';

/** 'program@line:column' for each command, in order. */
function calls(r: ShellAnalysis): string[] {
  return r.commands.map((c) => `${c.program}@${c.line}:${c.column}`);
}
function guards(r: ShellAnalysis): string[] {
  return r.guards.map((g) => `${g.check} ${g.program}@${g.line}:${g.column}`);
}
async function run(text: string): Promise<ShellAnalysis> {
  return analyseShell(text);
}

describe('analyseShell: what is executed', () => {
  it('reports plain commands with 1-based line and column of the command word', async () => {
    const r = await run('#!/bin/bash\nset -euo pipefail\nsystemctl stop app\n  yum -y install jq\n');
    expect(r.commands).toEqual([
      { program: 'systemctl', kind: 'bare', line: 3, column: 1, via: [] },
      { program: 'yum', kind: 'bare', line: 4, column: 3, via: [] },
    ]);
    expect(r.parseErrors).toEqual([]);
  });

  it('classifies absolute, bare and relative programs', async () => {
    const r = await run('/usr/bin/aws s3 ls\naws s3 ls\n./bin/migrate up\nscripts/run.sh\n');
    expect(r.commands.map((c) => [c.program, c.kind, c.relativeTo])).toEqual([
      ['/usr/bin/aws', 'absolute', undefined],
      ['aws', 'bare', undefined],
      ['./bin/migrate', 'relative', 'cwd'],
      ['scripts/run.sh', 'relative', 'cwd'],
    ]);
  });

  it('takes the program from quoted and concatenated words', async () => {
    const r = await run(`"/usr/bin/aws" s3 ls\n'/usr/local/bin/'"kubectl" get pods\n$'/usr/bin/jq' .\n`);
    expect(calls(r)).toEqual(['/usr/bin/aws@1:1', '/usr/local/bin/kubectl@2:1', '/usr/bin/jq@3:1']);
    expect(r.commands.every((c) => c.via.length === 0)).toBe(true);
  });

  it('resolves a variable holding an absolute path at the line it is executed', async () => {
    const r = await run('AWS=/usr/bin/aws\necho start\n"$AWS" s3 cp a b\n${AWS} s3 ls\n$AWS sts get-caller-identity\n');
    expect(calls(r)).toEqual(['/usr/bin/aws@3:1', '/usr/bin/aws@4:1', '/usr/bin/aws@5:1']);
    expect(r.commands.map((c) => c.via)).toEqual([['$AWS'], ['${AWS}'], ['$AWS']]);
    expect(r.commands[0]!.kind).toBe('absolute');
  });

  it('resolves variables set with readonly, export, local and declare', async () => {
    const r = await run(
      'readonly AWS_BIN=/usr/local/bin/aws\nexport JQ=/usr/bin/jq\nf() {\n  local -r KUBECTL=/opt/k8s/kubectl\n  "$KUBECTL" apply -f x\n}\ndeclare -x TF="/usr/local/bin/terraform"\n"$AWS_BIN" s3 ls | "$JQ" .\n$TF plan\n',
    );
    expect(calls(r)).toEqual(['/opt/k8s/kubectl@5:3', '/usr/local/bin/aws@8:1', '/usr/bin/jq@8:20', '/usr/local/bin/terraform@9:1']);
  });

  it('uses the value a variable has at the call, not a later one', async () => {
    const r = await run('A=/usr/bin/aws\n"$A" s3 ls\nA=/usr/local/bin/aws\n"$A" s3 ls\n');
    expect(calls(r)).toEqual(['/usr/bin/aws@2:1', '/usr/local/bin/aws@4:1']);
  });

  it('reports one command per possible literal value when if/else assigns different paths', async () => {
    const r = await run(
      'if [ -x /usr/local/bin/aws ]; then AWS=/usr/local/bin/aws; else AWS=/usr/bin/aws; fi\n"$AWS" s3 cp a b\n',
    );
    expect(calls(r)).toEqual(['/usr/local/bin/aws@2:1', '/usr/bin/aws@2:1']);
    expect(guards(r)).toEqual(['-x /usr/local/bin/aws@1:9']);
  });

  it('keeps the earlier value possible when a branch without else reassigns', async () => {
    const r = await run('AWS=/usr/bin/aws\nif [ -d /opt/aws ]; then\n  AWS=/opt/aws/bin/aws\nfi\n$AWS s3 ls\n');
    expect(calls(r)).toEqual(['/usr/bin/aws@5:1', '/opt/aws/bin/aws@5:1']);
  });

  it('drops the earlier value when every branch of if/elif/else or a case with * reassigns', async () => {
    const r = await run(
      'AWS=/old/aws\nif a; then AWS=/a/aws; elif b; then AWS=/b/aws; else AWS=/c/aws; fi\n$AWS x\nK=/old/k\ncase "$1" in\n  prod) K=/p/k ;;\n  *) K=/d/k ;;\nesac\n$K y\n',
    );
    expect(calls(r).filter((c) => c.includes('/'))).toEqual(['/a/aws@3:1', '/b/aws@3:1', '/c/aws@3:1', '/p/k@9:1', '/d/k@9:1']);
  });

  it('handles && / || assignment chains', async () => {
    const r = await run('[ -x /usr/local/bin/aws ] && AWS=/usr/local/bin/aws || AWS=/usr/bin/aws\n"$AWS" s3 ls\n');
    expect(calls(r)).toEqual(['/usr/local/bin/aws@2:1', '/usr/bin/aws@2:1']);
  });

  it('tries each literal of a for loop that picks a binary', async () => {
    const r = await run('for b in /usr/local/bin/aws /usr/bin/aws; do\n  if [ -x "$b" ]; then AWS=$b; break; fi\ndone\n"$AWS" s3 ls\n');
    expect(calls(r)).toEqual(['/usr/local/bin/aws@4:1', '/usr/bin/aws@4:1']);
    expect(guards(r)).toEqual(['-x /usr/local/bin/aws@2:11', '-x /usr/bin/aws@2:11']);
  });

  it('does not leak assignments out of subshells, $(…) and pipelines', async () => {
    const r = await run('AWS=/usr/bin/aws\n( AWS=/tmp/aws )\nx=$(AWS=/tmp/x; echo)\necho | AWS=/tmp/y\n"$AWS" s3 ls\n');
    expect(calls(r)).toEqual(['/usr/bin/aws@5:1']);
  });

  it('does not let a VAR=value prefix change later commands', async () => {
    const r = await run('AWS=/usr/bin/aws\nAWS=/tmp/aws make build\n"$AWS" s3 ls\n');
    expect(calls(r)).toEqual(['make@2:14', '/usr/bin/aws@3:1']);
  });

  it('treats assignments on their own line as assignments even when several share the line', async () => {
    // tree-sitter-bash attaches `A=1 B=2<newline>cmd` to cmd; a newline ends the statement in bash
    const r = await run('REGION=eu-west-1 AWS=/usr/local/bin/aws\n"$AWS" s3 ls\n');
    expect(calls(r)).toEqual(['/usr/local/bin/aws@2:1']);
  });

  it('uses the default of ${VAR:-/path} when the script never set VAR', async () => {
    const r = await run('AWS=${AWS_CLI:-/usr/bin/aws}\n"$AWS" s3 ls\nK=/opt/k\n"${K:-/usr/bin/kubectl}" get pods\n');
    expect(calls(r)).toEqual(['/usr/bin/aws@2:1', '/opt/k@4:1']);
  });

  it('reads $(command -v x) and $(which x) as a lookup of x', async () => {
    const r = await run('AWS=$(command -v aws)\n"$AWS" s3 ls\n');
    expect(calls(r)).toEqual(['aws@2:1']);
    expect(r.commands[0]).toMatchObject({ kind: 'bare', via: ['$AWS'] });
    expect(guards(r)).toEqual(['command -v aws@1:18']);
  });

  it('splits an unquoted variable holding a command line', async () => {
    const r = await run('AWS="/usr/local/bin/aws --region eu-west-1"\n$AWS s3 ls\n');
    expect(calls(r)).toEqual(['/usr/local/bin/aws@2:1']);
  });

  it('skips command words that are not literals after substitution', async () => {
    const r = await run('"$CMD" --flag\n$(get_tool) run\n${TOOLS[0]} x\n~/bin/tool\n/opt/*/bin/x\n');
    expect(calls(r)).toEqual(['get_tool@2:3']);
  });

  it('reports commands inside $(…) and backticks', async () => {
    const r = await run(
      'AMI=$(/usr/bin/aws ssm get-parameter --name /ami --query Parameter.Value --output text)\nID=`/usr/bin/curl -s http://169.254.169.254/latest/meta-data/instance-id`\necho "$(date +%s) $(hostname)"\n',
    );
    expect(calls(r)).toEqual(['/usr/bin/aws@1:7', '/usr/bin/curl@2:5', 'date@3:9', 'hostname@3:21']);
  });

  it('reports commands in pipelines, lists, subshells, groups, loops, case bodies and redirects', async () => {
    const r = await run(
      [
        'ps aux | grep -v grep | awk "{print}"',
        'test -f /x && systemctl restart app || journalctl -u app',
        '( cd /opt/app && ./start.sh )',
        '{ date; uptime; } > /tmp/log 2>&1',
        'while read -r f; do gzip "$f"; done < list',
        'until curl -sf localhost; do sleep 1; done',
        'for i in 1 2; do /usr/bin/aws s3 ls; done',
        'case "$1" in',
        '  start) /usr/bin/aws ec2 start-instances ;;',
        '  stop|halt) service app stop ;;',
        'esac',
        'diff <(sort a) <(sort b)',
        '! pgrep app',
      ].join('\n'),
    );
    expect(calls(r)).toEqual([
      'ps@1:1', 'grep@1:10', 'awk@1:25',
      'systemctl@2:15', 'journalctl@2:40',
      './start.sh@3:18',
      'date@4:3', 'uptime@4:9',
      'gzip@5:21',
      'curl@6:7', 'sleep@6:30',
      '/usr/bin/aws@7:18',
      '/usr/bin/aws@9:10',
      'service@10:14',
      'diff@12:1', 'sort@12:8', 'sort@12:18',
      'pgrep@13:3',
    ]);
  });

  it('never reports shell builtins and reserved words', async () => {
    const r = await run(
      'cd /tmp; echo hi; printf "%s" x; export A=1; set -e; true; false; read -r x; local y; return 0 2>/dev/null; shift; wait; kill -9 1; trap "rm -f /tmp/x" EXIT; eval "$X"; exit 0; : noop; pushd /x; popd; umask 022; ulimit -n 1; getopts a opt; let i=1; type -t ls >/dev/null; [ -n "$x" ]; [[ -z $y ]]; source /dev/null; . /dev/null; test 1 -eq 1\n',
    );
    expect(calls(r)).toEqual([]);
    for (const b of ['cd', 'echo', 'export', 'set', 'source', '.', 'true', 'false', 'read', 'printf', 'local', 'return', 'exit', 'trap', 'eval', 'shift', 'wait', 'kill', 'test', '[', '[[', 'if', 'then', 'fi', 'time', 'command', 'type', 'hash', 'exec']) {
      expect(SHELL_BUILTINS.has(b), b).toBe(true);
    }
    expect(SHELL_BUILTINS.has('aws')).toBe(false);
    expect(SHELL_BUILTINS.has('sudo')).toBe(false);
  });

  it('does not report calls to functions defined in the script, wherever they are defined', async () => {
    const r = await run('main() { log "start"; deploy; }\nlog() { logger -t app "$*"; }\nfunction deploy {\n  /usr/bin/aws s3 sync . s3://b\n}\nmain "$@"\n');
    expect(calls(r)).toEqual(['logger@2:9', '/usr/bin/aws@4:3']);
    expect(r.functions).toEqual(['main', 'log', 'deploy']);
  });

  it('reports what `command`, `exec` and `sudo` run even when a function has the same name', async () => {
    const r = await run('aws() { echo mocked; }\naws s3 ls\ncommand aws s3 ls\nexec aws s3 ls\n');
    expect(calls(r)).toEqual(['aws@3:9', 'aws@4:6']);
    expect(r.commands.map((c) => c.via)).toEqual([['command'], ['exec']]);
  });
});

describe('analyseShell: wrappers', () => {
  it('looks through sudo, skipping its options and their arguments', async () => {
    const r = await run('sudo -u app /usr/bin/aws s3 cp a b\nsudo -E -H -n -g adm -- systemctl restart x\nsudo -i aws s3 ls\nsudo --user=app -s kubectl get pods\nsudo -u "$APP_USER" /usr/local/bin/node app.js\n');
    expect(calls(r)).toEqual([
      'sudo@1:1', '/usr/bin/aws@1:13',
      'sudo@2:1', 'systemctl@2:25',
      'sudo@3:1', 'aws@3:9',
      'sudo@4:1', 'kubectl@4:20',
      'sudo@5:1', '/usr/local/bin/node@5:21',
    ]);
    expect(r.commands[1]!.via).toEqual(['sudo']);
  });

  it('looks through env, skipping VAR=value words and options', async () => {
    const r = await run('env -i HOME=/root AWS_REGION=eu-west-1 /usr/bin/aws s3 ls\n/usr/bin/env -u LANG python3 x.py\n');
    expect(calls(r)).toEqual(['env@1:1', '/usr/bin/aws@1:40', '/usr/bin/env@2:1', 'python3@2:22']);
    expect(r.commands[1]!.via).toEqual(['env']);
  });

  it('looks through exec, nohup, setsid and time', async () => {
    const r = await run('exec /usr/bin/node server.js\nnohup /usr/local/bin/worker --queue q > /dev/null 2>&1 &\nsetsid -f /opt/app/run\ntime /usr/bin/aws s3 ls\n');
    expect(calls(r)).toEqual(['/usr/bin/node@1:6', 'nohup@2:1', '/usr/local/bin/worker@2:7', 'setsid@3:1', '/opt/app/run@3:11', '/usr/bin/aws@4:6']);
    expect(r.commands.map((c) => c.via)).toEqual([['exec'], [], ['nohup'], [], ['setsid'], ['time']]);
  });

  it('looks through timeout, skipping its options and the duration', async () => {
    const r = await run('timeout 300 /usr/bin/aws s3 sync a b\ntimeout -s KILL -k 10 5m aws deploy wait\ntimeout --signal=TERM 30s ./healthcheck.sh\n');
    expect(calls(r)).toEqual(['timeout@1:1', '/usr/bin/aws@1:13', 'timeout@2:1', 'aws@2:26', 'timeout@3:1', './healthcheck.sh@3:27']);
  });

  it('looks through nice, ionice and stdbuf', async () => {
    const r = await run('nice -n 10 tar czf x.tgz /opt\nnice -5 gzip x\nionice -c2 -n7 rsync -a a b\nstdbuf -oL -e0 /usr/bin/aws logs tail g\n');
    expect(calls(r)).toEqual(['nice@1:1', 'tar@1:12', 'nice@2:1', 'gzip@2:9', 'ionice@3:1', 'rsync@3:16', 'stdbuf@4:1', '/usr/bin/aws@4:16']);
  });

  it('reports the command xargs runs', async () => {
    const r = await run('ls /backups | xargs -n1 /usr/bin/aws s3 rm\nfind . -name "*.tmp" -print0 | xargs -0 -I {} rm -f {}\n');
    expect(calls(r)).toEqual(['ls@1:1', 'xargs@1:15', '/usr/bin/aws@1:25', 'find@2:1', 'xargs@2:32', 'rm@2:47']);
    expect(r.commands[2]!.via).toEqual(['xargs']);
  });

  it('runs the word after an empty unquoted $SUDO, and sudo when it is set', async () => {
    const r = await run('SUDO=""\nif [ "$(id -u)" -ne 0 ]; then SUDO=sudo; fi\n$SUDO yum install -y jq\n');
    expect(r.commands.map((c) => [`${c.program}@${c.line}:${c.column}`, c.via])).toEqual([
      ['id@2:9', []],
      ['sudo@3:1', ['$SUDO']],
      ['yum@3:7', []],
      ['yum@3:7', ['$SUDO', 'sudo']],
    ]);
  });

  it('reports the command find -exec runs', async () => {
    const r = await run('find /opt/app -name "*.sh" -exec chmod +x {} \\; -print\nfind . -type f -execdir /usr/bin/aws s3 cp {} s3://b/ +\n');
    expect(calls(r)).toEqual(['find@1:1', 'chmod@1:34', 'find@2:1', '/usr/bin/aws@2:25']);
    expect(r.commands[1]!.via).toEqual(['find']);
    expect(r.writes).toEqual([]);
  });

  it('records the chain of nested wrappers in via', async () => {
    const r = await run('sudo -u app timeout 60 nohup /usr/bin/aws s3 ls\n');
    expect(r.commands.at(-1)).toEqual({ program: '/usr/bin/aws', kind: 'absolute', line: 1, column: 30, via: ['sudo', 'timeout', 'nohup'] });
  });

  it('treats a builtin name behind a program wrapper as a program (sudo echo runs /bin/echo)', async () => {
    const r = await run('sudo echo hi\nxargs echo < f\ncommand echo x\n');
    expect(calls(r)).toEqual(['sudo@1:1', 'echo@1:6', 'xargs@2:1', 'echo@2:7']);
  });

  it('analyses the literal script of bash -c / sh -c / su -c with positions inside the string', async () => {
    const r = await run(`bash -c '/usr/bin/aws s3 ls; jq .'\nsudo -u app sh -ec "cd /opt && ./run.sh"\nsu - app -c 'kubectl get pods'\nbash -c "$SCRIPT"\n`);
    expect(calls(r)).toEqual([
      'bash@1:1', '/usr/bin/aws@1:10', 'jq@1:30',
      'sudo@2:1', 'sh@2:13', './run.sh@2:32',
      'su@3:1', 'kubectl@3:14',
      'bash@4:1',
    ]);
    expect(r.commands[1]!.via).toEqual(['bash -c']);
    expect(r.commands[5]!.via).toEqual(['sudo', 'sh -c']);
  });

  it('analyses a heredoc fed to a shell as a script', async () => {
    const r = await run("sudo -u app bash <<'EOF'\ncd /opt/app\n/usr/bin/aws s3 sync s3://b .\nEOF\n");
    expect(calls(r)).toEqual(['sudo@1:1', 'bash@1:13', '/usr/bin/aws@3:1']);
    expect(r.commands[2]!.via).toEqual(['sudo', 'bash <<EOF']);
  });
});

describe('analyseShell: guards', () => {
  it('records [ -x ], [[ -f ]], test -e and [ ! -x ] as guards, not calls', async () => {
    const r = await run('if [ -x /usr/bin/aws ]; then :; fi\n[[ -f /etc/app.conf && -x "/usr/local/bin/aws" ]]\ntest -e /opt/app/bin/start\n[ ! -x /usr/bin/jq ] && exit 1\n');
    expect(calls(r)).toEqual([]);
    expect(guards(r)).toEqual(['-x /usr/bin/aws@1:9', '-f /etc/app.conf@2:7', '-x /usr/local/bin/aws@2:27', '-e /opt/app/bin/start@3:9', '-x /usr/bin/jq@4:8']);
  });

  it('records command -v, type, hash and which as guards (which is also a program)', async () => {
    const r = await run('command -v aws >/dev/null 2>&1 || exit 1\ntype -p jq\nhash kubectl 2>/dev/null\nwhich terraform\n');
    expect(guards(r)).toEqual(['command -v aws@1:12', 'type jq@2:9', 'hash kubectl@3:6', 'which terraform@4:7']);
    expect(calls(r)).toEqual(['which@4:1']);
  });

  it('resolves variables in guards', async () => {
    const r = await run('AWS=/usr/local/bin/aws\nif [ ! -x "$AWS" ]; then AWS=/usr/bin/aws; fi\n');
    expect(guards(r)).toEqual(['-x /usr/local/bin/aws@2:11']);
  });
});

describe('analyseShell: PATH', () => {
  it('leaves path undefined until the script assigns PATH', async () => {
    const r = await run('aws s3 ls\n');
    expect(r.commands[0]!.path).toBeUndefined();
    expect(r.finalPath).toBeUndefined();
  });

  it('applies PATH=/opt/x/bin:$PATH to later commands, keeping $PATH for the caller', async () => {
    const r = await run('aws --version\nPATH=/opt/x/bin:$PATH\naws s3 ls\nexport PATH="${PATH}:/usr/local/bin"\nkubectl get pods\n');
    expect(r.commands.map((c) => c.path)).toEqual([undefined, ['/opt/x/bin', '$PATH'], ['/opt/x/bin', '$PATH', '/usr/local/bin']]);
  });

  it('expands $PATH against options.path when given', async () => {
    const r = await analyseShell('export PATH=$PATH:/usr/local/bin\naws s3 ls\n', { path: ['/usr/bin', '/bin'] });
    expect(r.commands[0]!.path).toEqual(['/usr/bin', '/bin', '/usr/local/bin']);
  });

  it('takes a literal PATH as is and ignores elements it cannot resolve', async () => {
    const r = await run('PATH=/usr/local/sbin:/usr/local/bin:$HOME/bin:/usr/bin\naws s3 ls\n');
    expect(r.commands[0]!.path).toEqual(['/usr/local/sbin', '/usr/local/bin', '/usr/bin']);
  });

  it('applies a PATH= prefix only to its own command, and env PATH=… to the command env runs', async () => {
    const r = await run('PATH=/opt/bin:$PATH aws s3 ls\naws s3 ls\nenv PATH=/srv/bin kubectl get pods\n');
    expect(r.commands.map((c) => [c.program, c.path])).toEqual([
      ['aws', ['/opt/bin', '$PATH']],
      ['aws', undefined],
      ['env', undefined],
      ['kubectl', ['/srv/bin']],
    ]);
  });

  it('does not leak a PATH change out of a subshell; a PATH change in a branch is assumed taken', async () => {
    const r = await run('(PATH=/tmp/bin:$PATH; a)\nb\nif [ -d /opt/bin ]; then PATH=/opt/bin:$PATH; fi\nc\n');
    expect(r.commands.map((c) => [c.program, c.path])).toEqual([
      ['a', ['/tmp/bin', '$PATH']],
      ['b', undefined],
      ['c', ['/opt/bin', '$PATH']],
    ]);
  });

  it('gives function bodies the PATH at their definition (linear order)', async () => {
    const r = await run('deploy() { aws s3 sync . s3://b; }\nexport PATH=/usr/local/bin:$PATH\ndeploy\n');
    expect(r.commands).toEqual([{ program: 'aws', kind: 'bare', line: 1, column: 12, via: [] }]);
  });

  it('handles a CodeDeploy-style functions file that extends PATH and exposes the final PATH', async () => {
    const text = [
      '#!/bin/bash',
      '# common_functions.sh',
      'export PATH="$PATH:/usr/local/bin"',
      '',
      'get_instance_id() {',
      '    curl -s http://169.254.169.254/latest/meta-data/instance-id',
      '}',
      '',
      'deregister_instance() {',
      '    local instance_id=$1',
      '    aws elb deregister-instances-from-load-balancer --instances $instance_id --load-balancer-name $2 || return 1',
      '}',
    ].join('\n');
    const r = await run(text);
    expect(calls(r)).toEqual(['curl@6:5', 'aws@11:5']);
    expect(r.commands[1]!.path).toEqual(['$PATH', '/usr/local/bin']);
    expect(r.finalPath).toEqual(['$PATH', '/usr/local/bin']);
    expect(r.functions).toEqual(['get_instance_id', 'deregister_instance']);
  });
});

describe('analyseShell: heredocs and cron', () => {
  it('treats heredoc bodies as data but runs $(…) inside unquoted ones', async () => {
    const r = await run('cat <<EOF > /etc/app.conf\n/usr/bin/aws s3 ls\nhost=$(hostname -f)\nEOF\ncat <<\'EOF\'\n$(not-run)\nEOF\n');
    expect(calls(r)).toEqual(['cat@1:1', 'hostname@3:8', 'cat@5:1']);
    expect(r.writes).toEqual(['/etc/app.conf']);
  });

  it('extracts the command of a cron line echoed into /etc/cron.d (system format with user)', async () => {
    const r = await run('echo "*/5 * * * * root /usr/bin/aws s3 sync /var/log s3://logs" > /etc/cron.d/logsync\n');
    expect(r.commands).toEqual([{ program: '/usr/bin/aws', kind: 'absolute', line: 1, column: 24, via: ['cron'], path: ['/usr/bin', '/bin'] }]);
    expect(r.writes).toEqual(['/etc/cron.d/logsync']);
  });

  it('extracts cron commands piped to crontab - (user format), including (crontab -l; echo …) | crontab -', async () => {
    const r = await run(
      `echo '0 3 * * * /usr/local/bin/backup.sh --all' | crontab -\n(crontab -l 2>/dev/null; echo "@reboot /opt/app/bin/start") | crontab -\n`,
    );
    expect(calls(r)).toEqual(['/usr/local/bin/backup.sh@1:17', 'crontab@1:51', 'crontab@2:2', '/opt/app/bin/start@2:40', 'crontab@2:63']);
    expect(r.commands[0]!.via).toEqual(['cron']);
  });

  it('extracts cron commands from a heredoc installed with crontab or written to /etc/cron.d', async () => {
    const r = await run(
      'cat <<EOF | crontab -\nPATH=/usr/local/bin:/usr/bin:/bin\n*/10 * * * * aws s3 sync /data s3://b && /usr/bin/logger done\nEOF\ncat > /etc/cron.d/app <<EOF\nMAILTO=""\n0 * * * * app [ -x /usr/bin/aws ] && /usr/bin/aws s3 ls >/dev/null 2>&1\nEOF\n',
    );
    expect(r.commands.filter((c) => c.via[0] === 'cron').map((c) => [`${c.program}@${c.line}:${c.column}`, c.path])).toEqual([
      ['aws@3:14', ['/usr/local/bin', '/usr/bin', '/bin']],
      ['/usr/bin/logger@3:42', ['/usr/local/bin', '/usr/bin', '/bin']],
      ['/usr/bin/aws@7:38', ['/usr/bin', '/bin']],
    ]);
    expect(guards(r)).toEqual(['-x /usr/bin/aws@7:20']);
  });

  it('substitutes variables into cron lines at the position of the variable', async () => {
    const r = await run('AWS=/usr/local/bin/aws\necho "0 * * * * $AWS s3 sync /a s3://b" >> /var/spool/cron/root\n');
    expect(r.commands).toEqual([{ program: '/usr/local/bin/aws', kind: 'absolute', line: 2, column: 17, via: ['cron'], path: ['/usr/bin', '/bin'] }]);
  });

  it('does not take strings that are not cron lines for cron entries', async () => {
    const r = await run('echo "deploying 1 2 3 4 5 now"\necho "a b c d e f" > /tmp/x\n');
    expect(calls(r)).toEqual([]);
  });
});

describe('analyseShell: sources and writes', () => {
  it('records literal and script-relative sources', async () => {
    const r = await run(
      'source /opt/codedeploy-agent/deployment-root/common.sh\n. ./lib.sh\nsource "$(dirname "$0")/common_functions.sh"\n. "${BASH_SOURCE%/*}/env.sh"\nDIR="$( cd "$( dirname "${BASH_SOURCE[0]}" )" && pwd )"\nsource "$DIR/vars.sh"\nsource "$UNKNOWN/x.sh"\n',
    );
    expect(r.sources).toEqual([
      { path: '/opt/codedeploy-agent/deployment-root/common.sh', line: 1, column: 8 },
      { path: './lib.sh', line: 2, column: 3, relativeTo: 'cwd' },
      { path: './common_functions.sh', line: 3, column: 8, relativeTo: 'script' },
      { path: './env.sh', line: 4, column: 3, relativeTo: 'script' },
      { path: './vars.sh', line: 6, column: 8, relativeTo: 'script' },
    ]);
  });

  it('reports scripts next to the script as relative to the script directory', async () => {
    const r = await run('HERE=$(cd "$(dirname "$0")" && pwd)\n"$HERE/bin/migrate.sh" up\n');
    expect(r.commands.at(-1)).toEqual({ program: './bin/migrate.sh', kind: 'relative', relativeTo: 'script', line: 2, column: 1, via: ['$HERE/bin/migrate.sh'] });
  });

  it('collects paths the script creates or installs', async () => {
    const r = await run(
      [
        'curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/kubectl',
        'chmod +x /usr/local/bin/kubectl',
        'wget -q -O /tmp/awscliv2.zip https://awscli.amazonaws.com/x.zip',
        'unzip -q /tmp/awscliv2.zip -d /tmp/aws',
        'tar -xzf node.tgz -C /opt/node',
        'install -m 0755 ./bin/tool /usr/local/bin/tool',
        'cp build/app /opt/app/',
        'mv /tmp/jq /usr/bin/jq',
        'ln -sf /opt/node/bin/node /usr/local/bin/node',
        'mkdir -p /opt/app/bin /var/log/app',
        'echo "#!/bin/sh" > /opt/app/bin/start',
        'chmod 755 /opt/app/bin/start',
        'echo x | sudo tee -a /etc/app.env >/dev/null',
        'aws s3 cp s3://artifacts/tool /usr/local/bin/tool2',
        'chmod 644 /etc/app.conf',
        'echo hi > /dev/null',
      ].join('\n'),
    );
    expect(r.writes).toEqual([
      '/usr/local/bin/kubectl',
      '/tmp/awscliv2.zip',
      '/tmp/aws',
      '/opt/node',
      '/usr/local/bin/tool',
      '/opt/app/',
      '/opt/app/app',
      '/usr/bin/jq',
      '/usr/local/bin/node',
      '/opt/app/bin',
      '/var/log/app',
      '/opt/app/bin/start',
      '/etc/app.env',
      '/usr/local/bin/tool2',
    ]);
  });
});

describe('analyseShell: real-world shapes', () => {
  it('analyses a CodeDeploy sample hook script', async () => {
    const text = [
      '#!/bin/bash',
      '',
      '. $(dirname $0)/common_functions.sh',
      'source /opt/codedeploy-agent/bin/codedeploy-env.sh',
      '',
      'msg "Running AWS CLI with region: $(get_instance_region)"',
      '',
      'INSTANCE_ID=$(get_instance_id)',
      'if [ $? != 0 -o -z "$INSTANCE_ID" ]; then',
      '    error_exit "Unable to get this instance\'s ID; cannot continue."',
      'fi',
      '',
      'sudo -u app /usr/bin/aws s3 cp s3://bucket/app.tgz /tmp/app.tgz',
      'tar -xzf /tmp/app.tgz -C /opt/app',
      'if ! /usr/bin/aws autoscaling enter-standby --instance-ids $INSTANCE_ID; then',
      '    exit 1',
      'fi',
    ].join('\n');
    const r = await run(text);
    expect(r.sources).toEqual([
      { path: './common_functions.sh', line: 3, column: 3, relativeTo: 'script' },
      { path: '/opt/codedeploy-agent/bin/codedeploy-env.sh', line: 4, column: 8 },
    ]);
    // msg, get_instance_region, get_instance_id, error_exit live in the sourced file: reported as bare
    expect(calls(r)).toEqual([
      'dirname@3:5', 'msg@6:1', 'get_instance_region@6:37', 'get_instance_id@8:15', 'error_exit@10:5',
      'sudo@13:1', '/usr/bin/aws@13:13', 'tar@14:1', '/usr/bin/aws@15:6',
    ]);
    expect(r.writes).toEqual(['/tmp/app.tgz', '/opt/app']);
    expect(r.parseErrors).toEqual([]);
  });

  it('analyses a user_data script with guards, fallbacks and a cron job', async () => {
    const text = [
      '#!/bin/bash -xe',
      'exec > >(tee /var/log/user-data.log) 2>&1',
      'AWS=/usr/local/bin/aws',
      '[ -x "$AWS" ] || AWS=/usr/bin/aws',
      'REGION=$(curl -s http://169.254.169.254/latest/meta-data/placement/region)',
      'SECRET=$($AWS ssm get-parameter --name /app/secret --with-decryption --region "$REGION" --query Parameter.Value --output text)',
      'echo "*/5 * * * * root $AWS s3 sync /var/log/app s3://logs/$(hostname)" > /etc/cron.d/logs',
    ].join('\n');
    const r = await run(text);
    expect(calls(r)).toEqual([
      'tee@2:10', 'curl@5:10',
      '/usr/local/bin/aws@6:10', '/usr/bin/aws@6:10',
      '/usr/local/bin/aws@7:24', '/usr/bin/aws@7:24',
      'hostname@7:62',
    ]);
    expect(r.commands.filter((c) => c.via[0] === 'cron').length).toBe(2);
    expect(guards(r)).toEqual(['-x /usr/local/bin/aws@4:6']);
    expect(r.writes).toEqual(['/var/log/user-data.log', '/etc/cron.d/logs']);
  });
});

describe('analyseShell: positions, bad input, limits', () => {
  it('maps positions with lineOffset and columnOffset (column offset on the first line only)', async () => {
    const r = await analyseShell('/usr/bin/aws s3 ls\n  jq .\n', { lineOffset: 10, columnOffset: 6 });
    expect(calls(r)).toEqual(['/usr/bin/aws@11:7', 'jq@12:3']);
    const e = await analyseShell('if then fi fi\n', { lineOffset: 4, columnOffset: 2 });
    expect(e.parseErrors[0]).toMatchObject({ line: 5 });
  });

  it('reports parse errors with positions and keeps analysing the rest', async () => {
    const r = await run('echo ok\nif [ -x /x ]; then\n  /usr/bin/aws s3 ls\n( ( (\n/usr/bin/jq .\n');
    expect(r.parseErrors.length).toBeGreaterThan(0);
    expect(r.parseErrors[0]!.line).toBeGreaterThanOrEqual(1);
    expect(r.parseErrors[0]!.column).toBeGreaterThanOrEqual(1);
    expect(r.parseErrors[0]!.message).toMatch(/syntax error|missing/);
    expect(calls(r)).toContain('/usr/bin/aws@3:3');
  });

  it('reports a stray reserved word that tree-sitter-bash would take for a command', async () => {
    const r = await run('echo ok\nfi\naws s3 ls\n');
    expect(r.parseErrors).toEqual([{ line: 2, column: 1, message: 'syntax error near unexpected "fi"' }]);
    expect(calls(r)).toEqual(['aws@3:1']);
  });

  it('reports a missing closing keyword', async () => {
    const r = await run('if true; then\n  /usr/bin/aws s3 ls\n');
    expect(r.parseErrors).toEqual([{ line: 3, column: 1, message: 'missing "fi"' }]);
    expect(calls(r)).toEqual(['/usr/bin/aws@2:3']);
  });

  it('caps parse errors at 10', async () => {
    const r = await run(Array.from({ length: 50 }, (_, i) => `echo ${i} )\nfi\n`).join(''));
    expect(r.parseErrors.length).toBeGreaterThan(0);
    expect(r.parseErrors.length).toBeLessThanOrEqual(10);
  });

  it('never throws on odd input', async () => {
    const inputs = [
      '', '\n', '#!/bin/sh', '\u0000\u0001\u0002', '\uD800 lone surrogate', '$(', '`', '"', "'", '<<EOF', 'cat <<EOF\n', '${', '$((1+', 'case x in', 'function', '((((', '))))', '[[', ']]', 'a=(', 'f() {', '}', 'done', 'esac', 'then', '\\', '|| &&', ';;',
      'sudo', 'sudo -u', 'timeout', 'xargs -n', 'env A=1', 'bash -c', 'echo "* * * * *" | crontab -', 'echo "@reboot" > /etc/cron.d/x',
      'x=${a:-${b:-${c:-$(d)}}}', '${!x}', '${#x}', '$X$Y$Z', String.fromCharCode(...Array.from({ length: 256 }, (_, i) => i)),
    ];
    for (const text of inputs) {
      const r = await analyseShell(text);
      expect(Array.isArray(r.commands), JSON.stringify(text)).toBe(true);
    }
  });

  it('never throws on random shell-like text (property)', async () => {
    const alphabet = ['a', 'w', 's', ' ', '\n', '"', "'", '`', '$', '(', ')', '{', '}', '[', ']', ';', '&', '|', '<', '>', '\\', '#', '*', '=', '-', '/', 'if ', 'then ', 'fi', 'do ', 'done', 'case ', ' in ', 'esac', 'EOF', '<<', 'sudo ', 'bash -c ', 'echo "* * * * * ', ' | crontab -', 'PATH=', '$PATH', '/usr/bin/aws '];
    const shellish = fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }).map((parts) => parts.join(''));
    await fc.assert(
      fc.asyncProperty(shellish, async (text) => {
        const r = await analyseShell(text);
        for (const c of r.commands) {
          expect(c.line).toBeGreaterThanOrEqual(1);
          expect(c.column).toBeGreaterThanOrEqual(1);
          expect(c.program.length).toBeGreaterThan(0);
        }
        expect(r.parseErrors.length).toBeLessThanOrEqual(10);
      }),
      { seed: 20_261_126, numRuns: 300 },
    );
  });

  it('handles deeply nested input without exhausting the stack', async () => {
    const depth = 3000;
    const texts = [
      '('.repeat(depth) + 'aws' + ')'.repeat(depth),
      '$('.repeat(depth) + 'aws' + ')'.repeat(depth),
      'if true; then '.repeat(depth) + 'aws;' + ' fi;'.repeat(depth),
      '{ '.repeat(depth) + 'aws; ' + '}; '.repeat(depth),
      'echo "'.repeat(200) + '$(aws)' + '"'.repeat(200),
      'bash -c "'.repeat(50) + 'aws' + '"'.repeat(50),
    ];
    for (const text of texts) {
      const r = await analyseShell(text);
      expect(Array.isArray(r.commands)).toBe(true);
    }
  });

  it('keeps analysis within a small multiple of the parse time (1,500 scripts per run)', async () => {
    const script = [
      '#!/bin/bash',
      'set -euo pipefail',
      'source "$(dirname "$0")/common.sh"',
      'export PATH=$PATH:/usr/local/bin',
      'AWS=/usr/bin/aws',
      'if [ -x /usr/local/bin/aws ]; then AWS=/usr/local/bin/aws; fi',
      'log() { echo "$(date) $*" >> /var/log/deploy.log; }',
      'for svc in api worker; do',
      '  sudo -u app timeout 60 "$AWS" s3 cp "s3://bucket/$svc.tgz" /tmp/ && tar -xzf "/tmp/$svc.tgz" -C /opt/$svc',
      '  systemctl restart "$svc" || { log "failed $svc"; exit 1; }',
      'done',
      'case "${DEPLOYMENT_GROUP_NAME:-}" in prod) kubectl rollout status deploy/api ;; *) : ;; esac',
      'echo "*/5 * * * * root $AWS s3 sync /var/log s3://logs" > /etc/cron.d/logs',
    ].join('\n');
    const text = Array.from({ length: 6 }, () => script).join('\n'); // ~3.5 KB, 6 cron lines
    const parser = await createParser('bash');
    const cpu = (): number => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    await analyseShell(text); // warm-up
    const n = 120;
    let best = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 3 && best > 5; round++) {
      let t = cpu();
      for (let i = 0; i < n; i++) parser.parse(text)?.delete();
      const parse = cpu() - t;
      t = cpu();
      for (let i = 0; i < n; i++) await analyseShell(text);
      const analyse = cpu() - t;
      best = Math.min(best, analyse / parse);
    }
    // parse + analysis (including the 6 nested parses of the cron lines) stays within 5x one parse
    expect(best).toBeLessThan(5);
  });
});
