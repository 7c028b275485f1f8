// The display filters: which track classes and altitude bands are drawn. A track is drawn when
// both its class and its band are switched on. The checkboxes carry data-filter="class" or
// data-filter="altitude" with the class or band id as value.

import { ALTITUDE_BANDS, CLASS_NAMES, TRACK_CLASSES, altitude_band, track_class } from './classify';
import type { Track } from './protocol';

export class Filters {
  private readonly classes = new Set<string>(TRACK_CLASSES);
  private readonly bands = new Set<string>(ALTITUDE_BANDS.map((band) => band.id));

  passes(track: Track): boolean {
    return this.classes.has(track_class(track)) && this.bands.has(altitude_band(track));
  }

  /** Builds the checkboxes into `container`; `on_change` runs after every toggle. */
  mount(container: HTMLElement, on_change: () => void): void {
    const group = (title: string, kind: string, items: { id: string; name: string }[], set: Set<string>) => {
      const fieldset = document.createElement('fieldset');
      fieldset.dataset.filterGroup = kind;
      const legend = document.createElement('legend');
      legend.textContent = title;
      fieldset.append(legend);
      for (const item of items) {
        const label = document.createElement('label');
        const input = document.createElement('input');
        input.type = 'checkbox';
        input.checked = true;
        input.value = item.id;
        input.dataset.filter = kind;
        input.addEventListener('change', () => {
          if (input.checked) set.add(item.id);
          else set.delete(item.id);
          on_change();
        });
        const swatch = document.createElement('span');
        swatch.className = `swatch swatch-${kind}-${item.id}`;
        label.append(input, swatch, document.createTextNode(item.name));
        fieldset.append(label);
      }
      container.append(fieldset);
    };
    group('Class', 'class', TRACK_CLASSES.map((id) => ({ id, name: CLASS_NAMES[id] })), this.classes);
    group('Altitude', 'altitude', [...ALTITUDE_BANDS], this.bands);
  }
}
