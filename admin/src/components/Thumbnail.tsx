import { Box } from '@strapi/design-system';

interface ThumbnailProps {
  url: string | null;
  /**
   * The picture's text alternative, chosen by the caller: `""` where the row shows the image's alt text
   * as text beside it (a screen reader would say it twice), else the image's own alt text.
   */
  alt: string;
  width?: number;
  height?: number;
}

/** A small preview of an image in the plugin's lists. */
export const Thumbnail = ({ url, alt, width = 64, height = 48 }: ThumbnailProps) => (
  <Box width={`${width}px`} height={`${height}px`} background="neutral150" hasRadius overflow="hidden" shrink={0}>
    {url ? <img src={url} alt={alt} width={width} height={height} style={{ objectFit: 'cover', display: 'block' }} /> : null}
  </Box>
);
