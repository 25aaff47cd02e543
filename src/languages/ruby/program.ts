/** One way the project can be started, as found: the choice --entry names, and its command. */
export interface Program {
  /** What --entry matches: Procfile, rails, config.ru, a script's path, an executable's name. */
  value: string;
  label: string;
  /** Where it was found, for --explain. */
  source: string;
  /** The exec-form command of the final stage. */
  command: string[];
  /** The port it listens on, when the command or its configuration says. */
  port?: number | undefined;
  /** A server writes tmp/ and log/ and gets a port; a command-line program neither. */
  kind: 'server' | 'cli';
  /** The command names $PORT (a Procfile's), which an exec-form ENTRYPOINT does not expand. */
  portVar?: boolean | undefined;
}
