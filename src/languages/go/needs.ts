import type { Scan } from '../../core/scan.js';
import { shown } from '../../core/quote.js';
import type { Fact, Needs } from '../../core/types.js';
import { LANGUAGE_DATA } from '../data.js';
import { serverCommand } from '../shared.js';
import type { LinkedCode } from './packages.js';

const DATA = LANGUAGE_DATA.go;

/** A write to a relative path: the program needs a working directory of its own. */
const RELATIVE_WRITE =
  /\b(?:os\.(?:MkdirAll|Mkdir|Create|WriteFile|OpenFile)|ioutil\.WriteFile)\(\s*["`][\w.-][^"`\n]{0,200}["`]/;
/** The program's own folder (os.Executable, or the folder of os.Args[0]): files it keeps beside itself. */
const OWN_FOLDER = /\bos\.Executable\(\)|\bfilepath\.Dir\(\s*os\.Args\[0\]\s*\)/;
/** Any write, whatever the path. */
const ANY_WRITE = /\b(?:os\.(?:MkdirAll|Mkdir|Create|WriteFile|OpenFile)|ioutil\.WriteFile)\(/;
/** Calls and modules that put files under the user's home (XDG folders, ~/.config): the user needs a real HOME. */
const HOME_CALLS =
  /\bos\.User(?:HomeDir|ConfigDir|CacheDir)\(|\bhomedir\.(?:Dir|Expand)\(|\bxdg\.(?:DataHome|ConfigHome|CacheHome|StateHome|DataFile|ConfigFile|CacheFile|StateFile|SearchDataFile|SearchConfigFile)\b|"\$HOME\/|"~\//;
const HOME_MODULES = [
  'github.com/adrg/xdg',
  'github.com/mitchellh/go-homedir',
  'github.com/kirsle/configdir',
  'github.com/OpenPeeDeeP/xdg',
  'github.com/shibukawa/configdir',
  'github.com/muesli/go-app-paths',
];
/** Modules that drive a terminal: the program wants `docker run -it`. */
const TERMINAL_MODULES = [
  'golang.org/x/term',
  'github.com/charmbracelet/bubbletea',
  'github.com/rivo/tview',
  'github.com/gdamore/tcell',
  'github.com/jroimartin/gocui',
  'github.com/jesseduffield/gocui',
  'github.com/manifoldco/promptui',
  'github.com/AlecAivazis/survey',
  'github.com/c-bata/go-prompt',
  'github.com/nsf/termbox-go',
];

/**
 * What the program needs at run time, from what it links: certificates, a user database,
 * temporary files, a working directory of its own, a home, a terminal, and the subcommand that serves.
 */
export function goNeeds(scan: Scan, { files, importedBy }: LinkedCode, name: string): Needs {
  const needs: Needs = {};
  // Standard-library packages match exactly ("net/url" needs no certificates); modules by prefix.
  // The list is ordered most telling first (crypto/tls, net/http, ..., net), so the evidence names the best one.
  const netImport = DATA.networkImports!.flatMap((n) =>
    [...importedBy.keys()].filter((i) => i === n || (n.includes('.') && i.startsWith(`${n}/`))),
  )[0];
  if (netImport) needs.certs = `imports "${netImport}" (${importedBy.get(netImport)})`;
  const user = importedBy.get('os/user');
  if (user) needs.passwd = `imports "os/user" (${user})`;
  const tmp = files.find((f) =>
    /\bos\.(?:TempDir|CreateTemp|MkdirTemp)\(|\bioutil\.Temp(?:File|Dir)\(/.test(scan.read(f) ?? ''),
  );
  if (tmp) needs.tmp = `temporary files (${tmp})`;
  const writes = files.map((f) => ({ f, m: RELATIVE_WRITE.exec(scan.read(f) ?? '') })).find((x) => x.m);
  if (writes) needs.workdir = `${shown(writes.m![0])} (${writes.f})`;
  else {
    // A program that finds its own folder and writes files: what it writes goes beside it, in /app.
    const own = files.find((f) => OWN_FOLDER.test(scan.read(f) ?? ''));
    const written = own && files.find((f) => ANY_WRITE.test(scan.read(f) ?? ''));
    if (own && written) needs.workdir = `finds its own folder (${own}) and writes files (${written})`;
  }
  const homeModule = [...importedBy.keys()].find((i) => HOME_MODULES.some((m) => i === m || i.startsWith(`${m}/`)));
  const homeCall = homeModule
    ? undefined
    : files.map((f) => ({ f, m: HOME_CALLS.exec(scan.read(f) ?? '') })).find((x) => x.m);
  if (homeModule) needs.home = `imports "${homeModule}" (${importedBy.get(homeModule)})`;
  else if (homeCall) needs.home = `${shown(homeCall.m![0])} (${homeCall.f})`;
  const tty = [...importedBy.keys()].find((i) => TERMINAL_MODULES.some((m) => i === m || i.startsWith(`${m}/`)));
  if (tty) needs.interactive = `imports "${tty}" (${importedBy.get(tty)})`;
  const listens = importedBy.has('net/http') || importedBy.has('net');
  const command = listens ? serverCommand(scan, name) : undefined;
  if (command) needs.command = command;
  return needs;
}

/** Build tags: time.LoadLocation without the time/tzdata import embeds the zone database, as small images have no zoneinfo. */
export function goTags(scan: Scan, { files, importedBy }: LinkedCode): Fact<string[]> {
  const tz = files.find((f) => /\btime\.LoadLocation\(/.test(scan.read(f) ?? ''));
  if (!tz) return { value: [], source: 'no time.LoadLocation' };
  if (importedBy.has('time/tzdata'))
    return { value: [], source: `time.LoadLocation in ${tz}, with time/tzdata imported` };
  return { value: ['timetzdata'], source: `time.LoadLocation in ${tz}; small images have no zoneinfo` };
}
