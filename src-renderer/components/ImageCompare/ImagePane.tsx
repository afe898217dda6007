import { Badge, Text } from '@mantine/core'
import { useElementSize, useMergedRef } from '@mantine/hooks'
import { useEffect, useState } from 'react'

import classes from './ImagePane.module.css'
import { usePanZoom } from './usePanZoom'
import { fittedBox, pixelRatio } from './view-geometry'
import type { Size, View } from './view-geometry'

export type PaneLayer = Readonly<{
  src: string
  alt: string
  /** Show only the part left of this percentage of the pane (split compare). */
  clipAt?: number
}>

type Props = Readonly<{
  layers: readonly PaneLayer[]
  /** Layout size shared by every pane of one image index (the HQ image's pixel size). */
  imageSize: Size
  view: View
  onViewChange(next: View): void
  onMeasure?(pane: Size, image: Size): void
  height: number
  label: string
  rightLabel?: string
  divider?: number
  /** Outlines the pane: the image a composed question is about. */
  outlined?: boolean
}>

/** One viewport of the synchronized viewer: fitted image(s) under the shared zoom and pan. */
export function ImagePane(props: Props) {
  const { ref: sizeRef, width, height } = useElementSize()
  const { ref: panRef, handlers } = usePanZoom(props.view, props.onViewChange)
  const ref = useMergedRef(sizeRef, panRef)
  const pane = { width, height }
  const box = fittedBox(pane, props.imageSize)
  const ratio = pixelRatio(props.view, pane, props.imageSize)
  const { onMeasure, imageSize } = props

  useEffect(() => {
    if (width > 0 && height > 0) onMeasure?.({ width, height }, imageSize)
  }, [onMeasure, width, height, imageSize])

  const { scale, x, y } = props.view
  return (
    <div
      ref={ref}
      className={props.outlined ? `${classes.pane} ${classes.outlined}` : classes.pane}
      style={{ height: props.height }}
      data-outlined={props.outlined ? 'true' : undefined}
      {...handlers}
      data-zoom={scale.toFixed(3)}
    >
      <Badge className={classes.label} size="sm" variant="filled" color="dark">
        {props.label}
      </Badge>
      {props.rightLabel ? (
        <Badge
          className={`${classes.label} ${classes.labelRight}`}
          size="sm"
          variant="filled"
          color="dark"
        >
          {props.rightLabel}
        </Badge>
      ) : null}
      {props.layers.map((layer) => (
        <div
          key={layer.src}
          className={classes.layer}
          style={{
            clipPath: layer.clipAt === undefined ? undefined : `inset(0 ${100 - layer.clipAt}% 0 0)`
          }}
        >
          <div
            className={classes.layer}
            style={{ transform: `translate(${x}px, ${y}px) scale(${scale})` }}
          >
            <PaneImage layer={layer} box={box} pixelated={ratio >= 2} />
          </div>
        </div>
      ))}
      {props.divider !== undefined ? (
        <div className={classes.divider} style={{ left: `${props.divider}%` }} />
      ) : null}
    </div>
  )
}

function PaneImage(
  props: Readonly<{
    layer: PaneLayer
    box: { left: number; top: number; width: number; height: number }
    pixelated: boolean
  }>
) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null)
  if (failedSrc === props.layer.src) {
    return (
      <div className={classes.missing}>
        <Text size="sm" c="dimmed">
          Image unavailable
        </Text>
      </div>
    )
  }
  return (
    <img
      className={`${classes.image} ${props.pixelated ? classes.pixelated : ''}`}
      src={props.layer.src}
      alt={props.layer.alt}
      draggable={false}
      decoding="async"
      onError={() => setFailedSrc(props.layer.src)}
      style={props.box}
    />
  )
}
