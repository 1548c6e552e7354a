// One dashboard panel: a titled box with a chart and a status line, whose
// data-state (loading, ready, partial, empty, missing, error) and data-points
// say what it shows: the page's own contract with its browser tests.
import { createChart, type Chart, type ChartOption } from './charts';

export type PanelState = 'loading' | 'ready' | 'partial' | 'empty' | 'missing' | 'error';
export type Pillar = 'POLITICAL_SECURITY' | 'ECONOMY' | 'SOCIAL_CULTURAL';

export class Panel {
  readonly root: HTMLElement;
  private readonly heading: HTMLHeadingElement;
  private readonly status: HTMLParagraphElement;
  private readonly chartBox: HTMLDivElement;
  readonly extra: HTMLDivElement;
  private readonly footnote: HTMLParagraphElement;
  private chart?: Chart;

  /** pillar: the pillar filter shows the panel for this pillar only (undefined: always). */
  constructor(parent: HTMLElement, id: string, readonly pillar?: Pillar, options: { height?: number; wide?: boolean } = {}) {
    this.root = document.createElement('section');
    this.root.className = options.wide ? 'panel wide' : 'panel';
    this.root.dataset.panel = id;
    this.heading = document.createElement('h2');
    this.status = document.createElement('p');
    this.status.className = 'panel-status';
    this.status.setAttribute('role', 'status');
    this.chartBox = document.createElement('div');
    this.chartBox.className = 'chart';
    this.chartBox.style.height = `${options.height ?? 300}px`;
    this.extra = document.createElement('div');
    this.extra.className = 'panel-extra';
    this.footnote = document.createElement('p');
    this.footnote.className = 'panel-footnote';
    this.root.append(this.heading, this.status, this.chartBox, this.extra, this.footnote);
    parent.append(this.root);
  }

  set title(text: string) {
    this.heading.textContent = text;
  }

  set note(text: string) {
    this.footnote.textContent = text;
  }

  get visible(): boolean {
    return !this.root.hidden;
  }

  set visible(shown: boolean) {
    this.root.hidden = !shown;
  }

  get width(): number {
    return this.chartBox.clientWidth || this.root.clientWidth - 32 || 600;
  }

  /** A state without a chart (loading, empty, missing, error): the message says why. */
  showState(state: Exclude<PanelState, 'ready' | 'partial'>, message: string): void {
    this.root.dataset.state = state;
    this.root.dataset.points = '0';
    this.status.textContent = message;
    this.chartBox.hidden = state !== 'loading' || !this.chart;
    if (state !== 'loading') {
      this.chart?.clear();
      this.extra.replaceChildren();
      this.footnote.textContent = '';
    }
  }

  /** Draws the chart; points counts the data drawn, message explains a partial view. */
  draw(option: ChartOption, points: number, partialMessage?: string): void {
    this.root.dataset.state = partialMessage ? 'partial' : 'ready';
    this.root.dataset.points = String(points);
    this.status.textContent = partialMessage ?? '';
    this.chartBox.hidden = false;
    this.chart ??= createChart(this.chartBox);
    this.chart.setOption(option, true);
    this.chart.resize();
  }

  resize(): void {
    if (!this.chartBox.hidden) this.chart?.resize();
  }
}
