import {
  ServiceProcess,
  defaultStopTimeoutMs,
  type ServiceExit,
  type ServiceProcessOptions,
} from './service-process.js';

export type UnexpectedExitHandler = (service: ServiceProcess, exit: ServiceExit) => void;

export interface StoppedService {
  name: string;
  exit: ServiceExit;
}

/**
 * Owns every child of the launcher: starts them, reports one that exits on its own, and
 * stops them newest first (the gateway before the subgraphs it calls). If the launcher
 * itself exits for any reason, the children are killed with it, so none is orphaned.
 */
export class Supervisor {
  private readonly services: ServiceProcess[] = [];
  private stopping = false;

  constructor(private readonly onUnexpectedExit: UnexpectedExitHandler) {
    process.once('exit', () => this.killAll());
  }

  start(options: ServiceProcessOptions): ServiceProcess {
    const service = new ServiceProcess(options);
    this.services.push(service);
    void service.exited.then((exit) => {
      if (!this.stopping) this.onUnexpectedExit(service, exit);
    });
    return service;
  }

  /**
   * Stops the newest service first and waits for each before the next, then the rest
   * together; resolves with how each one ended.
   */
  async stopAll(timeoutMs = defaultStopTimeoutMs): Promise<StoppedService[]> {
    this.stopping = true;
    const [newest, ...others] = [...this.services].reverse();
    const stopped: StoppedService[] = [];
    if (newest) stopped.push({ name: newest.name, exit: await newest.stop(timeoutMs) });
    const rest = await Promise.all(
      others.map(async (service) => ({ name: service.name, exit: await service.stop(timeoutMs) })),
    );
    return [...stopped, ...rest];
  }

  killAll(): void {
    this.stopping = true;
    for (const service of this.services) service.kill();
  }
}
