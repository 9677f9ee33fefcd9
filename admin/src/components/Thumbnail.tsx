import { Box } from '@strapi/design-system';

/** A small preview of an image; its alt text is shown beside it, so the picture itself is decorative here. */
export const Thumbnail = ({ url, width = 64, height = 48 }: { url: string | null; width?: number; height?: number }) => (
  <Box width={`${width}px`} height={`${height}px`} background="neutral150" hasRadius overflow="hidden" shrink={0}>
    {/* The alt text is next to it; repeating it here would make screen readers say it twice. */}
    {url ? <img src={url} alt="" width={width} height={height} style={{ objectFit: 'cover', display: 'block' }} /> : null}
  </Box>
);
