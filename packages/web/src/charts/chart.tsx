import type { ECElementEvent, EChartsCoreOption, EChartsType } from 'echarts/core';
import { useEffect, useRef, useState } from 'react';
import type { Echarts } from './echarts-setup.ts';

interface ChartProps {
  /** Names the chart in tests and styles (`data-chart`). */
  name: string;
  option: EChartsCoreOption;
  /** The text alternative: a one-sentence summary of what the chart shows. */
  label: string;
  height?: number;
  onSelect?: (event: ECElementEvent) => void;
  /** Runs once before the first draw, e.g. to register a map's shapes. */
  prepare?: (echarts: Echarts) => Promise<void>;
}

/**
 * One ECharts chart, loaded on first use. Sets `data-ready="true"` once the current option has been
 * drawn (tests wait for it; ECharts' own `finished` event is unreliable for maps).
 */
export function Chart({ name, option, label, height = 360, onSelect, prepare }: ChartProps) {
  const element = useRef<HTMLDivElement>(null);
  const [chart, setChart] = useState<EChartsType | null>(null);
  // Milliseconds since navigation when the current option was drawn; null while drawing.
  const [readyAt, setReadyAt] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const onSelectRef = useRef(onSelect);
  onSelectRef.current = onSelect;
  const prepareRef = useRef(prepare);

  useEffect(() => {
    let disposed = false;
    let instance: EChartsType | undefined;
    let observer: ResizeObserver | undefined;
    (async () => {
      const { echarts } = await import('./echarts-setup.ts');
      await prepareRef.current?.(echarts);
      if (disposed || element.current === null) return;
      instance = echarts.init(element.current, null, { renderer: 'canvas' });
      instance.on('click', (event) => onSelectRef.current?.(event as ECElementEvent));
      // A container being removed (or hidden) reports zero size; resizing a map to zero throws in ECharts.
      observer = new ResizeObserver(([entry]) => {
        if (entry && entry.contentRect.width > 0 && entry.contentRect.height > 0) instance?.resize();
      });
      observer.observe(element.current);
      setChart(instance);
    })().catch((error: unknown) => setFailure(error instanceof Error ? error.message : String(error)));
    return () => {
      disposed = true;
      observer?.disconnect();
      instance?.dispose();
    };
  }, []);

  useEffect(() => {
    if (chart === null) return;
    setReadyAt(null);
    chart.setOption({ animation: false, ...option }, { notMerge: true });
    // Draw now rather than on the next animation frame, so the flag means what it says.
    chart.getZr().flush();
    setReadyAt(Math.round(performance.now()));
  }, [chart, option]);

  return (
    <div
      className="chart"
      ref={element}
      role="img"
      aria-label={label}
      data-chart={name}
      data-ready={readyAt === null ? 'false' : 'true'}
      data-ready-at={readyAt ?? undefined}
      style={{ height }}
    >
      {failure ? <p className="error">{failure}</p> : null}
    </div>
  );
}
