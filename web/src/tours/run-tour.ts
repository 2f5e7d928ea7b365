// Runs a tour with driver.js (MIT). Loaded only when a tour starts. Keyboard: the popover is a
// dialog that takes the focus; Tab moves between its buttons, Enter presses one, the arrow keys
// step, Esc closes; when it closes, the focus goes back to where the tour was started from.
import { driver, type DriveStep } from 'driver.js';
import 'driver.js/dist/driver.css';
import './tour.css';
import type { TourDef } from './tours';

export interface TourTexts {
  steps: { title: string; body: string }[];
  next: string;
  prev: string;
  done: string;
  close: string;
  /** With `{{current}}` and `{{total}}` left in for driver.js. */
  progress: string;
}

export function runTour(tour: TourDef, texts: TourTexts, returnFocus: HTMLElement | null, onEnd?: () => void): { destroy: () => void } {
  const steps: DriveStep[] = tour.steps.map((s, i) => ({
    element: document.querySelector(s.element) ? s.element : undefined,
    popover: { title: texts.steps[i].title, description: texts.steps[i].body },
  }));
  const d = driver({
    steps,
    showProgress: true,
    progressText: texts.progress,
    nextBtnText: texts.next,
    prevBtnText: texts.prev,
    doneBtnText: texts.done,
    allowKeyboardControl: true,
    popoverClass: 'puente-tour',
    smoothScroll: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    animate: !window.matchMedia('(prefers-reduced-motion: reduce)').matches,
    stagePadding: 6,
    onPopoverRender: (popover, { state }) => {
      popover.wrapper.setAttribute('aria-modal', 'true');
      popover.wrapper.dataset.testid = 'tour-popover';
      popover.wrapper.dataset.step = String((state.activeIndex ?? 0) + 1);
      popover.closeButton.setAttribute('aria-label', texts.close);
      popover.closeButton.setAttribute('title', texts.close);
      // The step's own element is described by the dialog; focus goes to the main action.
      const main = popover.nextButton.style.display === 'none' ? popover.closeButton : popover.nextButton;
      requestAnimationFrame(() => main.focus());
    },
    onDestroyed: () => {
      returnFocus?.focus();
      onEnd?.();
    },
  });
  d.drive();
  return { destroy: () => d.destroy() };
}
