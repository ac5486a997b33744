export interface Bar {
  label: string
  value: number
  x: number
  y: number
  width: number
  height: number
}

/**
 * Geometry of a server-rendered SVG bar chart (no script): the view draws the bars and a data
 * table carries the same numbers for screen readers.
 */
export function barChart(points: { label: string; value: number }[], width = 720, height = 240) {
  const max = Math.max(1, ...points.map((point) => point.value))
  const gap = 8
  const chartTop = 20
  const chartBottom = height - 30
  const slot = width / Math.max(1, points.length)
  const bars: Bar[] = points.map((point, index) => {
    const barHeight = Math.round(((chartBottom - chartTop) * point.value) / max)
    return {
      label: point.label,
      value: point.value,
      x: Math.round(index * slot + gap / 2),
      y: chartBottom - barHeight,
      width: Math.max(1, Math.round(slot - gap)),
      height: barHeight,
    }
  })
  return { width, height, baseline: chartBottom, max, bars }
}
