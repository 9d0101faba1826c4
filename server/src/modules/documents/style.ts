/** The colours every rendered document shares (hex without '#', as Word wants them). */
export const palette = {
  text: '1F2933',
  heading: '1D3557',
  muted: '52606D',
  link: '1A5FB4',
  rule: '9AA5B1',
  headerFill: 'E4E9F0',
  noteFill: 'EEF2F7',
  noteRule: '7B8794',
  placeholderFill: 'FFF4D6',
}
