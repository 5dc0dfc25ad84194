// Small inline icons for the Jira-like chrome (so the frame has no icon-font dependency).
import type { ReactNode } from 'react';

function Svg({ children, size = 16, label }: { children: ReactNode; size?: number; label?: string }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      aria-hidden={label ? undefined : true}
      aria-label={label}
      role={label ? 'img' : undefined}
    >
      {children}
    </svg>
  );
}

export const JiraLogo = () => (
  <svg width="24" height="24" viewBox="0 0 24 24" aria-hidden="true">
    <rect width="24" height="24" rx="6" fill="#1868DB" />
    <path d="M12.2 5.5h5.6c0 1.6-1.3 2.9-2.9 2.9h-1v1c0 1.6-1.3 2.9-2.9 2.9V6.7c0-.7.5-1.2 1.2-1.2Z" fill="#fff" />
    <path d="M9.4 8.9h5.6c0 1.6-1.3 2.9-2.9 2.9h-1v1c0 1.6-1.3 2.9-2.9 2.9v-5.6c0-.7.5-1.2 1.2-1.2Z" fill="#fff" opacity=".85" />
    <path d="M6.6 12.3h5.6c0 1.6-1.3 2.9-2.9 2.9h-1v1c0 1.6-1.3 2.9-2.9 2.9v-5.6c0-.7.5-1.2 1.2-1.2Z" fill="#fff" opacity=".7" />
  </svg>
);

export const AppSwitcher = () => (
  <Svg>
    {[2, 7, 12].flatMap((x) => [2, 7, 12].map((y) => <rect key={`${x}${y}`} x={x} y={y} width="2.5" height="2.5" rx=".6" fill="currentColor" />))}
  </Svg>
);

export const SearchIcon = () => (
  <Svg>
    <circle cx="7" cy="7" r="4.5" stroke="currentColor" strokeWidth="1.5" />
    <path d="m10.5 10.5 3 3" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" />
  </Svg>
);

export const BellIcon = () => (
  <Svg>
    <path d="M4 11V7a4 4 0 1 1 8 0v4l1 1.5H3L4 11Z" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
    <path d="M6.5 14h3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
  </Svg>
);

export const HelpIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.4" />
    <path d="M6.3 6.3a1.8 1.8 0 1 1 2.5 1.6c-.5.2-.8.6-.8 1.1v.3" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    <circle cx="8" cy="11.3" r=".8" fill="currentColor" />
  </Svg>
);

export const GearIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="2.2" stroke="currentColor" strokeWidth="1.4" />
    <path
      d="M8 1.8v1.6M8 12.6v1.6M1.8 8h1.6M12.6 8h1.6M3.6 3.6l1.1 1.1M11.3 11.3l1.1 1.1M3.6 12.4l1.1-1.1M11.3 4.7l1.1-1.1"
      stroke="currentColor"
      strokeWidth="1.4"
      strokeLinecap="round"
    />
  </Svg>
);

export const ListIcon = () => (
  <Svg>
    <path d="M5.5 4h8M5.5 8h8M5.5 12h8" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
    <circle cx="2.6" cy="4" r=".9" fill="currentColor" />
    <circle cx="2.6" cy="8" r=".9" fill="currentColor" />
    <circle cx="2.6" cy="12" r=".9" fill="currentColor" />
  </Svg>
);

export const ShieldIcon = () => (
  <Svg>
    <path d="M8 1.8 13 3.6v4c0 3-2.2 5.4-5 6.6-2.8-1.2-5-3.6-5-6.6v-4L8 1.8Z" stroke="currentColor" strokeWidth="1.4" strokeLinejoin="round" />
  </Svg>
);

export const ChevronDown = () => (
  <Svg size={12}>
    <path d="m4 6 4 4 4-4" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" />
  </Svg>
);

export const PlusIcon = () => (
  <Svg size={14}>
    <path d="M8 3v10M3 8h10" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
  </Svg>
);

export const ClockIcon = () => (
  <Svg>
    <circle cx="8" cy="8" r="6.2" stroke="currentColor" strokeWidth="1.4" />
    <path d="M8 4.5V8l2.3 1.6" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" />
  </Svg>
);

/** Jira's blue "Task" issue type icon. */
export const TaskIcon = () => (
  <svg width="16" height="16" viewBox="0 0 16 16" aria-label="Task" role="img">
    <rect width="16" height="16" rx="3" fill="#4BADE8" />
    <path d="m4.5 8.2 2.3 2.3 4.7-5" stroke="#fff" strokeWidth="1.8" fill="none" strokeLinecap="round" strokeLinejoin="round" />
  </svg>
);

export const ProjectAvatar = ({ size = 24 }: { size?: number }) => (
  <svg width={size} height={size} viewBox="0 0 24 24" aria-hidden="true">
    <rect width="24" height="24" rx="5" fill="#FF8F73" />
    <path d="M6 16.5 10 8l3 5 2-3 3 6.5H6Z" fill="#fff" />
  </svg>
);
