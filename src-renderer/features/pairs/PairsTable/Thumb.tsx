import { useState } from 'react'

import type { ImageDto } from '../../../../src-shared/contract/pairs'
import { api } from '../../../api/client'
import classes from './PairsTable.module.css'

/** A 256px WebP thumbnail; the full image when the thumbnail was not generated. */
export function Thumb(props: Readonly<{ image: ImageDto; alt: string }>) {
  const [full, setFull] = useState(false)
  const src = api().mediaUrl({ sha256: props.image.sha256, thumb: !full })
  return (
    <img
      className={classes.thumb}
      src={src}
      alt={props.alt}
      loading="lazy"
      decoding="async"
      draggable={false}
      onError={() => setFull(true)}
    />
  )
}
