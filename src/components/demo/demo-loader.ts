/**
 * The only demo code on a lesson page before interaction: waits for a Play press, then loads the
 * player (and with it the broker and MQTT.js) for that demo.
 */
for (const section of document.querySelectorAll<HTMLElement>('[data-demo]')) {
  const button = section.querySelector<HTMLButtonElement>('[data-demo-play]');
  const stage = section.querySelector<HTMLElement>('[data-demo-stage]');
  const id = section.dataset['demo'];
  if (!button || !stage || !id) continue;
  button.addEventListener('click', async () => {
    button.disabled = true;
    button.textContent = 'Loading…';
    try {
      const { mountDemo } = await import('./mount-demo.tsx');
      stage.replaceChildren();
      await mountDemo(stage, id);
      // Focus moves into the player so keyboard users land on its controls.
      stage.querySelector<HTMLButtonElement>('.demo-controls button')?.focus();
    } catch (error) {
      button.disabled = false;
      button.textContent = 'Play demo';
      const message = document.createElement('p');
      message.className = 'demo-error';
      message.setAttribute('role', 'alert');
      message.textContent = `The demo could not start: ${error instanceof Error ? error.message : String(error)}`;
      button.after(message);
    }
  });
}
