import { growthProbes } from './growth.js';

/*
 * Growth probes for the Java and Python readers: each crafted input grows 10 and 100 times, and
 * the time of a run must grow no faster than the input (test/growth.ts). Sizes keep the largest
 * file under the scan's 1 MiB cap, so that every file is really read.
 */

const pom = (body: string, head = '<groupId>g</groupId><artifactId>app</artifactId><version>1.0</version>') =>
  `<?xml version="1.0"?>\n<project>\n<modelVersion>4.0.0</modelVersion>\n${head}\n${body}\n</project>\n`;
const jarMain = (cls: string) =>
  `<build><plugins><plugin><artifactId>maven-jar-plugin</artifactId><configuration><archive><manifest><mainClass>${cls}</mainClass></manifest></archive></configuration></plugin></plugins></build>`;
const MAIN = 'package a;\npublic class App {\n  public static void main(String[] args) {}\n}\n';
const parentOf = (artifactId: string, relativePath: string) =>
  `<parent><groupId>g</groupId><artifactId>${artifactId}</artifactId><version>1.0</version><relativePath>${relativePath}</relativePath></parent>`;
const MAVEN = { 'pom.xml': pom(jarMain('a.App')), 'src/main/java/a/App.java': MAIN };
const GRADLE_APP = "plugins {\n  id 'application'\n}\napplication {\n  mainClass = 'a.App'\n}\n";

growthProbes('Java readers grow linearly', [
  {
    name: 'application.yml: server: then n lines of spaces',
    base: 10,
    make: (n) => ({ ...MAVEN, 'src/main/resources/application.yml': `server:\n${`${' '.repeat(20)}\n`.repeat(n)}` }),
  },
  {
    name: 'application.yml: server: then n lines of spaces and words, no port',
    base: 10,
    make: (n) => ({
      ...MAVEN,
      'src/main/resources/application.yml': `server:\n${'  a b c d e f g h\n'.repeat(n)}  x\n`,
    }),
  },
  {
    // Found by the fuzz step: a YAML library took minutes on this (10 KB); the line reader does not.
    name: 'application.yml: an unterminated quoted scalar, then n escaped and CR line breaks',
    base: 20,
    make: (n) => ({
      ...MAVEN,
      'src/main/resources/application.yml': `server:\n  x: ${'"'.repeat(2839)}\n${'\\\n'.repeat(n)}${'\n\r'.repeat(2 * n)} port:x\n`,
    }),
  },
  {
    // application.properties and .yml are read up to 256 KiB: 100n stays under it.
    name: 'application.properties: n blank lines, then server.port',
    base: 2000,
    make: (n) => ({ ...MAVEN, 'src/main/resources/application.properties': `${'\n'.repeat(n)}server.port = 8081 x\n` }),
  },
  {
    name: 'application.properties: server.port then n spaces and no number',
    base: 1000,
    make: (n) => ({
      ...MAVEN,
      'src/main/resources/application.properties': `server.port${' '.repeat(n)}=${' '.repeat(n)}x\n`,
    }),
  },
  {
    name: 'Java source: n blank lines and no main method',
    base: 3000,
    make: (n) => ({ 'pom.xml': pom(''), 'src/main/java/a/App.java': `package a;\n${'\n'.repeat(n)}class App {}\n` }),
  },
  {
    name: 'Java source: package then n spaces',
    base: 3000,
    make: (n) => ({
      'pom.xml': pom(''),
      'src/main/java/a/App.java': `public static void main() {}\npackage a${' '.repeat(n)};${' '.repeat(n)}x\n`,
    }),
  },
  {
    name: 'pom.xml: n runs of whitespace between and inside elements',
    base: 30,
    make: (n) => ({
      'pom.xml': pom(
        `<properties>${`<p>${' \n\t'.repeat(n)}</p>${' '.repeat(n)}`.repeat(10)}</properties>${jarMain(`${' '.repeat(n)}a.App${'\n'.repeat(n)}`)}`,
      ),
      'src/main/java/a/App.java': MAIN,
    }),
  },
  {
    name: 'pom.xml: n properties',
    base: 100,
    make: (n) => ({
      'pom.xml': pom(
        `<properties>${Array.from({ length: n }, (_, i) => `<p${i}>v${i}</p${i}>`).join('')}<maven.compiler.release>\${p${Math.max(0, n - 1)}}</maven.compiler.release></properties>${jarMain('a.App')}`,
      ),
      'src/main/java/a/App.java': MAIN,
    }),
  },
  {
    name: 'pom.xml: a chain of n properties, each naming the next',
    base: 100,
    make: (n) => ({
      'pom.xml': pom(
        `<properties>${Array.from({ length: n }, (_, i) => `<p${i}>\${p${i + 1}}</p${i}>`).join('')}<maven.compiler.release>\${p0}</maven.compiler.release><main.class>\${p0}</main.class></properties>${jarMain('a.App')}`,
      ),
      'src/main/java/a/App.java': MAIN,
    }),
  },
  {
    name: 'pom.xml: a property made of n references to a long property',
    base: 10,
    make: (n) => ({
      'pom.xml': pom(
        `<properties><big>${'x'.repeat(100 * n)}</big><a>${'${big}'.repeat(n)}</a><main.class>\${a}</main.class></properties>`,
      ),
      'src/main/java/a/App.java': MAIN,
    }),
  },
  {
    name: 'Maven parent cycle of n POMs through <relativePath>',
    base: 1,
    make: (n) => {
      const files: Record<string, string> = { 'src/main/java/a/App.java': MAIN };
      // pom.xml -> p1 -> ... -> pn -> pom.xml, and the root lists p1 as a module.
      const names = ['pom.xml', ...Array.from({ length: n }, (_, i) => `p${i + 1}/pom.xml`)];
      names.forEach((file, i) => {
        const next = names[(i + 1) % names.length]!;
        const rel = file === 'pom.xml' ? next : `../${next}`;
        const id = (f: string) => (f === 'pom.xml' ? 'root' : f.split('/')[0]!);
        files[file] = pom(
          `${file === 'pom.xml' && n ? '<modules><module>p1</module></modules>' : ''}${jarMain('a.App')}`,
          `${n ? parentOf(id(next), rel) : ''}<groupId>g</groupId><artifactId>${id(file)}</artifactId><version>1.0</version>`,
        );
      });
      return files;
    },
  },
  {
    name: 'Maven parent chain n deep through <relativePath>',
    base: 1,
    make: (n) => {
      const files: Record<string, string> = { 'src/main/java/a/App.java': MAIN };
      const names = ['pom.xml', ...Array.from({ length: n }, (_, i) => `p${i + 1}/pom.xml`)];
      names.forEach((file, i) => {
        const next = names[i + 1];
        const id = file === 'pom.xml' ? 'root' : file.split('/')[0]!;
        const parent = next ? parentOf(next.split('/')[0]!, file === 'pom.xml' ? next : `../${next}`) : '';
        files[file] = pom(
          file === 'pom.xml' ? jarMain('a.App') : '<packaging>pom</packaging>',
          `${parent}<groupId>g</groupId><artifactId>${id}</artifactId><version>1.0</version>`,
        );
      });
      return files;
    },
  },
  {
    name: 'Maven modules: n modules, each listing the root again',
    base: 3,
    make: (n) => {
      const files: Record<string, string> = { 'src/main/java/a/App.java': MAIN };
      files['pom.xml'] = pom(
        `<packaging>pom</packaging><modules>${Array.from({ length: n }, (_, i) => `<module>m${i}</module>`).join('')}</modules>`,
        '<groupId>g</groupId><artifactId>root</artifactId><version>1.0</version>',
      );
      for (let i = 0; i < n; i++)
        files[`m${i}/pom.xml`] = pom(
          `<modules><module>..</module><module>../m${(i + 1) % n}</module></modules>${jarMain('a.App')}`,
          `${parentOf('root', '../pom.xml')}<artifactId>m${i}</artifactId>`,
        );
      return files;
    },
  },
  {
    name: 'build.gradle: n lines of a dependency word then whitespace',
    base: 10,
    make: (n) => ({
      'settings.gradle': "rootProject.name = 'x'\n",
      'build.gradle': `${GRADLE_APP}${`implementation${' '.repeat(980)}(x\n`.repeat(n)}`,
    }),
  },
  {
    name: 'build.gradle: n lines of plugin ids then whitespace',
    base: 10,
    make: (n) => ({
      'settings.gradle': "rootProject.name = 'x'\n",
      'build.gradle': `${GRADLE_APP}${`id${' '.repeat(990)}x\n`.repeat(n)}`,
    }),
  },
  {
    name: 'build.gradle: n lines of slashes ending in a carriage return',
    base: 10,
    make: (n) => ({
      'settings.gradle': "rootProject.name = 'x'\n",
      'build.gradle': `${GRADLE_APP}${`${'/'.repeat(990)}\rx\n`.repeat(n)}`,
    }),
  },
  {
    name: 'settings.gradle: n lines of includeBuild then whitespace',
    base: 5,
    make: (n) => ({
      'settings.gradle': `rootProject.name = 'x'\n${`includeBuild${' '.repeat(1980)}(x\n`.repeat(n)}`,
      'build.gradle': GRADLE_APP,
    }),
  },
  {
    name: 'settings.gradle: n lines of include then whitespace and a carriage return',
    base: 5,
    make: (n) => ({
      'settings.gradle': `rootProject.name = 'x'\n${`include${' '.repeat(1980)}\r\n`.repeat(n)}`,
      'build.gradle': GRADLE_APP,
    }),
  },
]);

const FLASK = 'from flask import Flask\n';

growthProbes('Python readers grow linearly', [
  {
    name: 'def create_app(): then n blank lines',
    base: 20,
    make: (n) => ({ 'requirements.txt': 'flask\n', 'app.py': `${FLASK}def create_app():\n${'  \n'.repeat(n)}` }),
  },
  {
    name: 'def create_app(): then n indented lines, no app',
    base: 100,
    make: (n) => ({ 'requirements.txt': 'flask\n', 'app.py': `${FLASK}def create_app():\n${'    x = 1\n'.repeat(n)}` }),
  },
  {
    name: 'n copies of def create_app(): with a blank line',
    base: 100,
    make: (n) => ({ 'requirements.txt': 'flask\n', 'app.py': `${FLASK}${'def create_app():\n \n'.repeat(n)}` }),
  },
  {
    name: 'Python source of n empty lines',
    base: 3000,
    make: (n) => ({ 'requirements.txt': 'flask\n', 'main.py': `${'\n'.repeat(n)}x\n` }),
  },
  {
    name: 'Python source of n short lines',
    base: 3000,
    make: (n) => ({ 'requirements.txt': 'flask\n', 'main.py': 'a\n'.repeat(n) }),
  },
  {
    name: 'Python source of n lines of one space',
    base: 3000,
    make: (n) => ({ 'requirements.txt': 'flask\n', 'main.py': ' \n'.repeat(n) }),
  },
  {
    name: 'Django settings of n empty lines',
    base: 3000,
    make: (n) => ({
      'requirements.txt': 'django\ngunicorn\n',
      'manage.py': 'import django\n',
      'proj/settings.py': `${'\n'.repeat(n)}WSGI_APPLICATION = 'proj.wsgi.application'\n`,
    }),
  },
  {
    name: 'requirements.txt: -r then n spaces, =, n spaces and two words',
    base: 1000,
    make: (n) => ({ 'requirements.txt': `-r${' '.repeat(n)}=${' '.repeat(n)}a b\n`, 'main.py': 'print(1)\n' }),
  },
  {
    name: 'requirements.txt: a line of n " #" ending in a line separator',
    base: 1000,
    make: (n) => ({ 'requirements.txt': `flask${' #'.repeat(n)}\u2028\n`, 'main.py': 'print(1)\n' }),
  },
  {
    name: 'requirements.txt: n includes',
    base: 1,
    make: (n) => {
      const files: Record<string, string> = { 'main.py': 'print(1)\n' };
      files['requirements.txt'] = Array.from({ length: n }, (_, i) => `-r r${i}.txt\n`).join('');
      for (let i = 0; i < n; i++) files[`r${i}.txt`] = `pkg${i}\n`;
      return files;
    },
  },
  {
    name: 'requirements.txt: a chain of n includes',
    base: 1,
    make: (n) => {
      const files: Record<string, string> = {
        'main.py': 'print(1)\n',
        'requirements.txt': n ? '-r r0.txt\n' : 'flask\n',
      };
      for (let i = 0; i < n; i++) files[`r${i}.txt`] = i + 1 < n ? `-r r${i + 1}.txt\n` : 'flask\n';
      return files;
    },
  },
  {
    name: 'requirements.txt: an include cycle of n files',
    base: 1,
    make: (n) => {
      const files: Record<string, string> = {
        'main.py': 'print(1)\n',
        'requirements.txt': n ? 'flask\n-r r0.txt\n' : 'flask\n',
      };
      for (let i = 0; i < n; i++)
        files[`r${i}.txt`] = `-r ${i + 1 < n ? `r${i + 1}.txt` : 'requirements.txt'}\n-c requirements.txt\n`;
      return files;
    },
  },
  {
    name: 'pyproject.toml: long whitespace runs in requires-python and between keys',
    base: 1000,
    make: (n) => ({
      'pyproject.toml': `[project]\nname${' '.repeat(n)}= "x"\nversion = "1"\nrequires-python = ">=3.9${' '.repeat(n)},${' '.repeat(n)}<4${' '.repeat(n)}x"\n`,
      'main.py': 'print(1)\n',
    }),
  },
  {
    name: 'pyproject.toml: a Poetry python constraint with long whitespace runs',
    base: 1000,
    make: (n) => ({
      'pyproject.toml': `[tool.poetry]\nname = "x"\nversion = "1"\n[tool.poetry.dependencies]\npython = "^3.9${' '.repeat(n)}x${' \t'.repeat(n)}y"\n`,
      'main.py': 'print(1)\n',
    }),
  },
  {
    // setup.cfg is read up to 256 KiB: 100n stays under it.
    name: 'setup.cfg: long whitespace runs in python_requires and console_scripts',
    base: 1000,
    make: (n) => ({
      'setup.py': 'from setuptools import setup\nsetup()\n',
      'setup.cfg': `[options]\npython_requires =${' '.repeat(n)}#\n[options.entry_points]\n${`console_scripts${' '.repeat(80)}x\n`.repeat(Math.floor(n / 400))}console_scripts =\n    tool = pkg.cli:main\n${`a${' '.repeat(80)}=${' '.repeat(80)}b c\n`.repeat(Math.floor(n / 400))}`,
      'pkg/__init__.py': '',
      'pkg/cli.py': 'def main():\n    pass\n',
    }),
  },
]);
